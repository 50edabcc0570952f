package vn.dongxanh.web.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dongxanh.web.page.Page;
import vn.dongxanh.web.page.Texts;

/**
 * The buyer page rendered from its precompiled templates and a lot's facts, in Vietnamese and
 * English: what it shows, that a name typed by a cooperative stays text, and that it has no
 * script or inline style (the CSP would refuse them).
 */
class LotPageTest {
    private static final String HOSTILE = "<script>alert('x')</script> Gạo \"Mộ Đức\" & co";
    private static final TemplateEngine JTE = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final ResourceBundleMessageSource BUNDLES = bundles();

    private static ResourceBundleMessageSource bundles() {
        var b = new ResourceBundleMessageSource();
        b.setBasename("messages");
        b.setDefaultEncoding(StandardCharsets.UTF_8.name());
        b.setFallbackToSystemLocale(false);
        b.setDefaultLocale(Locale.forLanguageTag("vi"));
        return b;
    }

    private static LotFacts facts(
            List<LotFacts.Certificate> certificates,
            List<LotFacts.Irrigation> irrigation,
            LotFacts.LedgerRecord record) {
        return new LotFacts(
                "08931234567897",
                "L-PAGE-1",
                "https://dx.example.vn/01/08931234567897/10/L-PAGE-1",
                "https://id.gs1.org/01/08931234567897/10/L-PAGE-1",
                new LotFacts.Product(HOSTILE, "rice"),
                LocalDate.of(2026, 11, 28),
                new BigDecimal("1250.5"),
                new LotFacts.Organisation("htx-a", "HTX <b>A</b>"),
                new LotFacts.GrowingArea("VN-51-0041", "SUSPENDED", "ISSUED", List.of("lua-p", "lua-q")),
                certificates,
                irrigation,
                record,
                LocalDate.of(2026, 12, 3));
    }

    private static LotFacts full() {
        return facts(
                List.of(new LotFacts.Certificate(
                        7,
                        "VIETGAP",
                        "VietGAP-TT-13-09-51-0123",
                        LocalDate.of(2026, 8, 25),
                        LocalDate.of(2027, 9, 29),
                        "VALID",
                        "Trung tâm Chứng nhận <1>",
                        4)),
                List.of(new LotFacts.Irrigation(
                        "lua-p",
                        LocalDate.of(2026, 8, 1),
                        LocalDate.of(2026, 11, 28),
                        102,
                        37,
                        5210.4,
                        347.36,
                        "flow_meter",
                        2,
                        97.2,
                        41)),
                new LotFacts.LedgerRecord(40, "CONFIRMED", "0xabc123", "0xfeed42", 1234L));
    }

    private static String render(String template, String lang, Map<String, Object> params) {
        var out = new StringOutput();
        JTE.render(template, params, out);
        return out.toString();
    }

    private static Texts texts(String lang) {
        return new Texts(BUNDLES, Locale.forLanguageTag(lang), ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    /** The rendered page, kept under target/buyer-page/ for a look in a browser (it links /css/app.css). */
    private static void keep(String name, String html) throws java.io.IOException {
        var dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/buyer-page"));
        java.nio.file.Files.writeString(dir.resolve(name), html);
    }

    private static String page(LotFacts facts, String lang) {
        Texts t = texts(lang);
        String other = lang.equals("vi") ? "en" : "vi";
        var page = new Page(
                t,
                t.get("buyer.title", facts.product().name(), facts.lot()),
                null,
                List.of(new Page.Language(
                        other, other, "/01/" + facts.gtin() + "/10/" + facts.lot() + "?lang=" + other)),
                null,
                null);
        return render("buyer/lot.jte", lang, Map.of("page", page, "lot", new LotView(facts, t)));
    }

    @Test
    void inVietnameseThePageShowsTheLotItsCodeCertificateIrrigationAndLedger() throws Exception {
        String html = page(full(), "vi");
        keep("lot-vi.html", html);
        assertThat(html.strip())
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"vi\">")
                .contains("name=\"viewport\"")
                .contains("<link rel=\"stylesheet\" href=\"/css/app.css\">")
                .contains("08931234567897")
                .contains("<dd id=\"lot\">L-PAGE-1</dd>")
                .contains("Lúa gạo")
                .contains("1.250,5 kg")
                .contains("VN-51-0041")
                .contains("Mã số vùng trồng")
                .contains(">Tạm đình chỉ<") // the code now
                .contains(">Đã cấp mã<") // on the harvest date
                .contains("VietGAP-TT-13-09-51-0123")
                .contains(">Còn hiệu lực<")
                .contains("Trung tâm Chứng nhận &lt;1&gt;")
                .contains("★★★★")
                .contains("Thửa lua-p")
                .contains("37 / 102")
                .contains("5.210,4 m³ (347,4 mm), đo bằng đồng hồ nước")
                .contains("97,2 %")
                .contains(">Đã xác nhận trên sổ cái<")
                .contains("0xabc123")
                .contains("0xfeed42")
                .contains("href=\"/api/records/40/proof\"")
                .contains("href=\"/api/records/40/verification\"")
                .contains(
                        "href=\"/api/epcis/events?epc=https%3A%2F%2Fid.gs1.org%2F01%2F08931234567897%2F10%2FL-PAGE-1\"")
                .contains("href=\"/01/08931234567897/10/L-PAGE-1?format=jsonld\"")
                .contains("href=\"/01/08931234567897/10/L-PAGE-1?lang=en\" hreflang=\"en\"");
        // a name typed by a cooperative is text, never markup
        assertThat(html)
                .contains("<h1 id=\"product\">&lt;script&gt;alert('x')&lt;/script&gt; Gạo \"Mộ Đức\" &amp; co</h1>")
                .contains("HTX &lt;b&gt;A&lt;/b&gt;")
                .doesNotContain("<b>A</b>");
        assertThat(html.toLowerCase(Locale.ROOT))
                .as("no script and no inline style: the CSP allows neither")
                .doesNotContain("<script")
                .doesNotContain("<style")
                .doesNotContain("style=");
    }

    @Test
    void inEnglishTheSameFactsInEnglishWords() throws Exception {
        String html = page(full(), "en");
        keep("lot-en.html", html);
        assertThat(html)
                .contains("<html lang=\"en\">")
                .contains("Growing-area code")
                .contains("Current status")
                .contains(">Suspended<")
                .contains(">Issued<")
                .contains("Certificates")
                .contains(">Valid<")
                .contains("1,250.5 kg")
                .contains("Nov 28, 2026")
                .contains("5,210.4 m³ (347.4 mm), measured by flow meter")
                .contains(">Confirmed on the ledger<")
                .contains("hreflang=\"vi\"");
    }

    @Test
    void aLotWithoutCertificatesNorIrrigationAndNotYetAnchoredSaysSo() {
        var facts = facts(List.of(), List.of(), new LotFacts.LedgerRecord(40, "PENDING", null, null, null));
        String html = page(facts, "vi");
        assertThat(html)
                .contains("Lô này không khai báo chứng nhận.")
                .contains("Chưa có tóm tắt tưới cho vụ này.")
                .contains(">Đang chờ ghi sổ cái<")
                .doesNotContain("Mã giao dịch")
                .doesNotContain("Gốc Merkle");
        // a status word a newer service sends is shown as sent
        var newer = facts(List.of(), List.of(), new LotFacts.LedgerRecord(40, "FINALISED", null, null, null));
        assertThat(page(newer, "en")).contains(">finalised<");
    }

    @Test
    void anUnknownLotHasItsOwnPageInTheReadersLanguage() {
        Texts t = texts("en");
        var page = new Page(t, t.get("buyer.missing.title"), null, List.of(), null, null);
        String html = render(
                "buyer/missing.jte",
                "en",
                Map.of("page", page, "message", "buyer.not-found", "gtin", "08931234567897", "lot", "<NO>"));
        assertThat(html)
                .contains("<html lang=\"en\">")
                .contains("Lot not found")
                .contains("We know no such lot.")
                .contains("&lt;NO&gt;")
                .doesNotContain("<NO>");
    }

    @Test
    void theForwardedReadsAreExactlyThePublicPathsSignInLetsThrough() throws Exception {
        Method read = BuyerController.class.getDeclaredMethod(
                "read", jakarta.servlet.http.HttpServletRequest.class, jakarta.servlet.http.HttpServletResponse.class);
        assertThat(Arrays.asList(read.getAnnotation(GetMapping.class).value()))
                .containsExactlyElementsOf(PublicPaths.READS);
    }
}
