package vn.dongxanh.trace.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.NotFoundException;
import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.qr.QrCodes;
import vn.dongxanh.trace.qr.QrDecoding;

/**
 * The labels of a batch, read back the way a printer and a phone would: the PDF's pages rendered
 * (PDFBox) and every label's QR decoded (ZXing) to the batch's GS1 Digital Link URI; the product
 * name with its Vietnamese diacritics found in the PDF's text; the PNG decoded; the SVG's QR path
 * rebuilt into the very matrix ZXing encodes for the URI, and decoded after drawing it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.ledger.mode=off",
            "dx.trace.ingest.pull-on-batch=false",
            "dx.trace.public-url=https://truyxuat.example.vn"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LabelsTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_labels");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String GTIN13 = "8931234567897";
    private static final String GTIN14 = "08931234567897";
    private static final String LOT = "MD-2026-HT-07";
    /** Every tone mark and the letters đ, ơ, ư, â, ă, ê, ô (typed decomposed: the label composes them). */
    private static final String NAME = Normalizer.normalize(
            "Gạo thơm Mộ Đức — Hè Thu, ruộng Hành Tín Đông (lúa hữu cơ, sấy ẩm)", Normalizer.Form.NFD);

    private static final String URI = "https://truyxuat.example.vn/01/" + GTIN14 + "/10/" + LOT;
    private static boolean seeded;
    private static long batch;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    QrCodes qr;

    TestHttp http;

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        if (seeded) return;
        for (String[] org :
                new String[][] {{"htx-a", "COOPERATIVE"}, {"htx-b", "COOPERATIVE"}, {"so-nnmt", "DEPARTMENT"}}) {
            ok(http.post("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[0]), "dept"), 201);
        }
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "lua-1",
                                "name",
                                "Ruộng lúa 1",
                                "crop",
                                "rice",
                                "geometry",
                                TestHttp.square(108.86, 14.95, 120)),
                        "htx-a"),
                201);
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                "VN-51-0077",
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("lua-1"),
                                "applicationDate",
                                D.minusDays(100).toString()),
                        "htx-a"),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            ok(
                    http.post(
                            "/api/codes/VN-51-0077/status",
                            Map.of(
                                    "status",
                                    step[0],
                                    "reason",
                                    "inspection",
                                    "effectiveDate",
                                    D.minusDays(Long.parseLong(step[1])).toString()),
                            "dept"),
                    200);
        }
        ok(http.post("/api/products", Map.of("gtin", GTIN13, "name", NAME, "crop", "rice"), "htx-a"), 201);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gtin", GTIN13);
        body.put("lot", LOT);
        body.put("code", "VN-51-0077");
        body.put("harvestDate", D.minusDays(5).toString());
        body.put("quantityKg", 1200);
        body.put("publish", false);
        batch = ok(http.post("/api/batches", body, "htx-a"), 201)
                .body()
                .get("id")
                .longValue();
        seeded = true;
    }

    private TestHttp.Bytes fetch(String path, String user, int status, String contentType) throws Exception {
        TestHttp.Bytes r = http.bytes(path, user);
        assertThat(r.status()).as(new String(r.body())).isEqualTo(status);
        assertThat(r.contentType()).startsWith(contentType);
        // kept as build output, to look at
        Path samples = Files.createDirectories(Path.of("target", "label-samples"));
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9.=-]", "_");
        Files.write(samples.resolve(name), r.body());
        return r;
    }

    /** Each label place of a rendered page as its own image, row by row. */
    private static List<BufferedImage> cells(BufferedImage page, int columns, int rows) {
        List<BufferedImage> cells = new ArrayList<>();
        int w = page.getWidth() / columns;
        int h = page.getHeight() / rows;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cells.add(page.getSubimage(c * w, r * h, w, h));
            }
        }
        return cells;
    }

    @Test
    void theDefaultSheetIsOneA4PageOf24LabelsEachDecodingToTheBatchsDigitalLinkUri() throws Exception {
        TestHttp.Bytes pdf = fetch("/api/batches/" + batch + "/labels.pdf", "htx-a", 200, "application/pdf");
        // one source for the URI: the batch's bare QR (qr.png) says the same
        String fromQr = QrDecoding.decodePng(fetch("/api/batches/" + batch + "/qr.png", "htx-a", 200, "image/png")
                .body());
        assertThat(fromQr).isEqualTo(URI);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            PDPage page = doc.getPage(0);
            assertThat(page.getMediaBox().getWidth() * 25.4 / 72)
                    .isCloseTo(210, org.assertj.core.data.Offset.offset(0.1));
            assertThat(page.getMediaBox().getHeight() * 25.4 / 72)
                    .isCloseTo(297, org.assertj.core.data.Offset.offset(0.1));
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            ImageIO.write(
                    image,
                    "png",
                    Path.of("target", "label-samples", "labels-page-1.png").toFile());
            List<String> decoded = new ArrayList<>();
            for (BufferedImage cell : cells(image, 3, 8)) decoded.add(QrDecoding.decode(cell));
            assertThat(decoded).hasSize(24).containsOnly(URI);

            String text = new PDFTextStripper().getText(doc);
            String composed = Normalizer.normalize(NAME, Normalizer.Form.NFC);
            // the name may wrap on the label: its words, each with its diacritics, are all there
            for (String word : composed.split(" ")) {
                assertThat(text).contains(word);
            }
            assertThat(text).contains("Mộ Đức").contains("hữu").contains(LOT).contains(URI);
            // the font is embedded (no font of the printer's machine is needed)
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            }
        }
    }

    @Test
    void aCountLayoutAndSkipAreHonouredOverSeveralPages() throws Exception {
        TestHttp.Bytes pdf = fetch(
                "/api/batches/" + batch + "/labels.pdf?count=13&columns=2&rows=5&skip=3",
                "htx-a",
                200,
                "application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            // 3 places skipped + 13 labels = 16 places of 10 per page
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            PDFRenderer renderer = new PDFRenderer(doc);
            BufferedImage page1 = renderer.renderImageWithDPI(0, 150);
            ImageIO.write(
                    page1,
                    "png",
                    Path.of("target", "label-samples", "labels-2x5-page-1.png").toFile());
            List<BufferedImage> first = cells(page1, 2, 5);
            List<BufferedImage> second = cells(renderer.renderImageWithDPI(1, 150), 2, 5);
            for (int i = 0; i < 3; i++) {
                BufferedImage skipped = first.get(i);
                assertThatThrownBy(() -> QrDecoding.decode(skipped)).isInstanceOf(NotFoundException.class);
            }
            for (int i = 3; i < 10; i++)
                assertThat(QrDecoding.decode(first.get(i))).isEqualTo(URI);
            for (int i = 0; i < 6; i++)
                assertThat(QrDecoding.decode(second.get(i))).isEqualTo(URI);
            for (int i = 6; i < 10; i++) {
                BufferedImage empty = second.get(i);
                assertThatThrownBy(() -> QrDecoding.decode(empty)).isInstanceOf(NotFoundException.class);
            }
        }
    }

    @Test
    void thePngLabelDecodesToTheUri() throws Exception {
        byte[] png = fetch("/api/batches/" + batch + "/label.png", "htx-a", 200, "image/png")
                .body();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        // one label of the default sheet (70 × 37 mm) at 300 dpi
        assertThat(image.getWidth()).isBetween(825, 828);
        assertThat(image.getHeight()).isBetween(436, 440);
        assertThat(QrDecoding.decodePng(png)).isEqualTo(URI);
        // the right-hand text is drawn: dark pixels beside the QR
        assertThat(darkPixels(
                        image.getSubimage(image.getWidth() * 2 / 3, 0, image.getWidth() / 3, image.getHeight() / 3)))
                .isGreaterThan(100);
    }

    private static int darkPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) n++;
            }
        }
        return n;
    }

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void theSvgLabelCarriesTheSameMatrixZxingEncodesForTheUriAndItsText() throws Exception {
        String svg = new String(
                fetch("/api/batches/" + batch + "/label.svg", "htx-a", 200, "image/svg+xml")
                        .body(),
                java.nio.charset.StandardCharsets.UTF_8);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("70.00mm");
        assertThat(root.getAttribute("height")).isEqualTo("37.13mm");

        Element group = (Element)
                doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g").item(0);
        assertThat(group.getAttribute("id")).isEqualTo("qr");
        int size = Integer.parseInt(group.getAttribute("data-modules"));
        String d = ((Element) group.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path")
                        .item(0))
                .getAttribute("d");
        BitMatrix drawn = new BitMatrix(size, size);
        Matcher m = RUN.matcher(d);
        int consumed = 0;
        while (m.find()) {
            assertThat(m.start()).isEqualTo(consumed);
            consumed = m.end();
            assertThat(m.group(3)).isEqualTo(m.group(4));
            drawn.setRegion(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 1);
        }
        assertThat(consumed).as("the path is only runs of modules").isEqualTo(d.length());
        assertThat(drawn).isEqualTo(qr.modules(URI));

        // drawn again as pixels, it decodes
        int scale = 6;
        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (drawn.get(x, y)) g.fillRect(x * scale, y * scale, scale, scale);
            }
        }
        g.dispose();
        assertThat(QrDecoding.decode(image)).isEqualTo(URI);

        NodeList texts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++)
            all.append(texts.item(i).getTextContent()).append('\n');
        assertThat(all.toString()).contains("Gạo thơm Mộ Đức").contains(LOT).contains(URI);
    }

    @Test
    void badCountsAndGridsAnswer400AndAnUnknownBatch404AsProblemJson() {
        for (String query : new String[] {"count=0", "count=481", "count=abc", "columns=0", "rows=17", "skip=24"}) {
            TestHttp.Response r = http.get("/api/batches/" + batch + "/labels.pdf?" + query, "htx-a");
            assertThat(r.status()).as(query + ": " + r.text()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.detail()).as(query).contains(query.substring(0, query.indexOf('=')));
        }
        TestHttp.Response tiny = http.get("/api/batches/" + batch + "/labels.pdf?columns=6&rows=16", "htx-a");
        assertThat(tiny.status()).as(tiny.text()).isEqualTo(400);
        assertThat(tiny.detail()).contains("QR").contains("min-qr-mm");

        for (String path : new String[] {"labels.pdf", "label.png", "label.svg"}) {
            TestHttp.Response unknown = http.get("/api/batches/999999/" + path, "dept");
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            assertThat(unknown.detail()).contains("batch 999999");
        }
    }

    @Test
    void labelsArePrintedByTheBatchsCooperativeAndTheDepartmentOnly() {
        String path = "/api/batches/" + batch + "/labels.pdf?count=1";
        assertThat(http.bytes(path, "htx-a").status()).isEqualTo(200);
        assertThat(http.bytes(path, "op-a").status()).isEqualTo(200);
        assertThat(http.bytes(path, "dept").status()).isEqualTo(200);
        assertThat(http.bytes(path, null).status()).isEqualTo(401);
        // a draft: another cooperative does not see it
        assertThat(http.bytes(path, "htx-b").status()).isEqualTo(404);
    }
}
