package vn.dongxanh.trace.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/** QR codes (ZXing) of GS1 Digital Link URIs, as PNG or as SVG (one square per dark module). */
@Component
public class QrCodes {
    private final QrProperties props;

    public QrCodes(QrProperties props) {
        this.props = props;
    }

    private BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.valueOf(props.errorCorrection()),
                                    EncodeHintType.MARGIN,
                                    props.quietZoneModules(),
                                    EncodeHintType.CHARACTER_SET,
                                    StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as QR: " + e.getMessage(), e);
        }
    }

    /**
     * The bare matrix, one cell per module with the quiet zone, for drawing a QR at any size (the
     * label sheet draws it as vector squares).
     */
    public BitMatrix modules(String text) {
        return matrix(text, 0);
    }

    public byte[] png(String text) {
        BitMatrix matrix = matrix(text, props.sizePixels());
        var out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An SVG in module units (size 0 asks ZXing for the bare matrix, one cell per module). */
    public String svg(String text) {
        BitMatrix matrix = matrix(text, 0);
        int w = matrix.getWidth();
        int h = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h + "\" width=\""
                + props.sizePixels() + "\" height=\"" + props.sizePixels()
                + "\" shape-rendering=\"crispEdges\"><title>" + escape(text) + "</title>"
                + "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
