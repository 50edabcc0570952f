package vn.dongxanh.trace.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Encode a Digital Link URI, decode it back from the PNG and from the SVG. */
class QrCodesTest {
    private static final String LINK = "https://dx.example.vn/01/08931234567897/10/L-2026-0415";
    private final QrCodes qr = new QrCodes(new QrProperties(400, 4, "M"));

    @Test
    void thePngDecodesBackToTheUri() throws Exception {
        byte[] png = qr.png(LINK);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(QrDecoding.decodePng(png)).isEqualTo(LINK);
    }

    @Test
    void theSvgDecodesBackToTheUri() throws Exception {
        String svg = qr.svg(LINK);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("<title>" + LINK + "</title>");
        assertThat(QrDecoding.decodeSvg(svg, 6)).isEqualTo(LINK);
    }
}
