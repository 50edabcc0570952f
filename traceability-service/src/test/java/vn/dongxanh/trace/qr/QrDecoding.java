package vn.dongxanh.trace.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads QR codes back: a PNG as an image, an SVG by drawing its modules again. */
public final class QrDecoding {
    private static final Pattern VIEWBOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    private QrDecoding() {}

    public static String decodePng(byte[] png) throws Exception {
        return decode(ImageIO.read(new ByteArrayInputStream(png)));
    }

    public static String decodeSvg(String svg, int pixelsPerModule) throws Exception {
        Matcher box = VIEWBOX.matcher(svg);
        if (!box.find()) throw new IllegalArgumentException("no viewBox");
        int w = Integer.parseInt(box.group(1));
        int h = Integer.parseInt(box.group(2));
        BufferedImage image = new BufferedImage(w * pixelsPerModule, h * pixelsPerModule, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(java.awt.Color.BLACK);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            g.fillRect(
                    Integer.parseInt(m.group(1)) * pixelsPerModule,
                    Integer.parseInt(m.group(2)) * pixelsPerModule,
                    pixelsPerModule,
                    pixelsPerModule);
        }
        g.dispose();
        return decode(image);
    }

    public static String decode(BufferedImage image) throws Exception {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        // no PURE_BARCODE hint at all: ZXing takes its mere presence (even FALSE) as "the image is
        // only the code", which fails on a label with text beside the QR
        return new QRCodeReader()
                .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }
}
