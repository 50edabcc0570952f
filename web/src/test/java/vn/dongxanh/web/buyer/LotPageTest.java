package vn.dongxanh.web.buyer;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dongxanh.web.buyer.StoryFixture.body;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.web.page.Page;
import vn.dongxanh.web.page.Texts;

/**
 * The buyer page rendered from its precompiled templates and a lot's story (records with real
 * leaves, proofs and root), in Vietnamese and English: it shows only what the records say, each
 * section with its latest record, its history and its state on the ledger; it carries every
 * record's canonical bytes for the page's script exactly, and the JSON-LD from the records; a name
 * typed by a cooperative stays text, and no script runs inline (the CSP would refuse it).
 */
class LotPageTest {
    private static final String HOSTILE = "<script>alert('x')</script> Gạo \"Mộ Đức\" & co </script><!--";
    private static final TemplateEngine JTE = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final ResourceBundleMessageSource BUNDLES = bundles();
    private static final Pattern SCRIPT = Pattern.compile("(?s)<script\\b([^>]*)>(.*?)</script>");

    private static ResourceBundleMessageSource bundles() {
        var b = new ResourceBundleMessageSource();
        b.setBasename("messages");
        b.setDefaultEncoding(StandardCharsets.UTF_8.name());
        b.setFallbackToSystemLocale(false);
        b.setDefaultLocale(Locale.forLanguageTag("vi"));
        return b;
    }

    /** A lot with every section: the harvest awaits anchoring, the growing area has a history. */
    private static StoryFixture full() {
        var f = new StoryFixture();
        f.add(
                "product",
                1,
                "product",
                StoryFixture.GTIN,
                "ANCHORED",
                true,
                body().put("gtin", StoryFixture.GTIN).put("name", HOSTILE).put("crop", "rice"));
        f.add(
                "cooperative",
                2,
                "organisation",
                "htx-a",
                "ANCHORED",
                true,
                body().put("id", "htx-a").put("name", "HTX <b>A</b>").put("province", "Quảng Ngãi"));
        var application = body().put("code", "VN-51-0041").put("crop", "rice").put("areaHa", 1.5);
        application.putArray("plots").addObject().put("id", "lua-p");
        f.add("growingArea", 3, "code.application", "VN-51-0041", "ANCHORED", false, application);
        f.add(
                "growingArea",
                4,
                "code.status",
                "VN-51-0041",
                "ANCHORED",
                true,
                body().put("code", "VN-51-0041")
                        .put("from", "ISSUED")
                        .put("to", "SUSPENDED")
                        .put("effectiveDate", "2026-11-30"));
        var vietgap = body().put("scheme", "VIETGAP")
                .put("number", "VietGAP-TT-13-09-51-0123")
                .put("issuerName", "Trung tâm Chứng nhận <1>")
                .put("validFrom", "2026-08-25")
                .put("validTo", "2027-09-29");
        vietgap.putArray("crops").add("rice");
        f.add("certificates", 5, "certificate", "VIETGAP:VietGAP-TT-13-09-51-0123", "ANCHORED", true, vietgap);
        f.add(
                "certificates",
                6,
                "certificate",
                "OCOP:OCOP-51-2026-7",
                "ANCHORED",
                true,
                body().put("scheme", "OCOP")
                        .put("number", "OCOP-51-2026-7")
                        .put("stars", 4)
                        .put("validFrom", "2026-01-01")
                        .put("validTo", "2028-12-31"));
        var harvest = body().put("gtin", StoryFixture.GTIN)
                .put("lot", StoryFixture.LOT)
                .put("code", "VN-51-0041")
                .put("harvestDate", "2026-11-28")
                .put("quantityKg", "1250.5");
        harvest.putArray("plots").add("lua-p");
        f.add("harvest", 7, "batch", StoryFixture.GTIN + "/" + StoryFixture.LOT, "AWAITING_ANCHORING", true, harvest);
        var irrigation = body().put("plot", "lua-p").put("from", "2026-08-01").put("to", "2026-11-28");
        var summary = irrigation
                .putObject("summary")
                .put("days", 102)
                .put("daysIrrigated", 37)
                .put("alarms", 2);
        summary.putObject("water").put("m3", 5210.4).put("mm", 347.36).put("method", "flow_meter");
        summary.putObject("sensorCoverage").put("percent", 97.2);
        f.add("irrigation", 8, "diary", "lua-p", "ANCHORED", true, irrigation);
        f.add(
                "journey",
                9,
                "epcis.event",
                "urn:uuid:1",
                "ANCHORED",
                true,
                body().put("type", "ObjectEvent")
                        .put("eventTime", "2026-11-28T07:00:00+07:00")
                        .put("bizStep", "commissioning")
                        .put("disposition", "active"));
        f.add(
                "journey",
                10,
                "epcis.event",
                "urn:uuid:2",
                "ANCHORED",
                true,
                body().put("type", "ObjectEvent")
                        .put("eventTime", "2026-11-29T09:30:00+07:00")
                        .put("bizStep", "https://ref.gs1.org/cbv/BizStep-shipping")
                        .put("disposition", "https://ref.gs1.org/cbv/Disp-in_transit"));
        return f;
    }

    private static String render(String template, Map<String, Object> params) {
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

    private static String page(Story story, String lang, LotView.Chain chain) {
        Texts t = texts(lang);
        String other = lang.equals("vi") ? "en" : "vi";
        var view = new LotView(story, t, chain);
        var page = new Page(
                t,
                t.get("buyer.title", view.productName(), story.lot()),
                null,
                List.of(new Page.Language(other, other, view.path() + "?lang=" + other)),
                null,
                null);
        return render("buyer/lot.jte", Map.of("page", page, "lot", view));
    }

    /** What a reader sees: the page without its script elements (their data is not shown). */
    private static String visible(String html) {
        return SCRIPT.matcher(html).replaceAll("");
    }

    private static JsonNode block(String html, String id) {
        var m = SCRIPT.matcher(html);
        while (m.find()) {
            if (m.group(1).contains("id=\"" + id + "\"")) return StoryFixture.JSON.readTree(m.group(2));
        }
        throw new AssertionError("no script block " + id);
    }

    @Test
    void inVietnameseEverySectionShowsItsRecordsInVietnameseWords() throws Exception {
        var f = full();
        String html = page(f.story(), "vi", LotView.Chain.NONE);
        keep("lot-vi.html", html);
        String seen = visible(html);
        assertThat(seen)
                .contains("<html lang=\"vi\">")
                .contains(
                        "<h1 id=\"product\">&lt;script&gt;alert('x')&lt;/script&gt; Gạo \"Mộ Đức\" &amp; co &lt;/script&gt;&lt;!--</h1>")
                .contains("<code id=\"gtin\">08931234567897</code>")
                .contains("<span id=\"lot\">L-PAGE-1</span>")
                .contains(">Lúa gạo<")
                .contains("HTX &lt;b&gt;A&lt;/b&gt;")
                .contains("Quảng Ngãi")
                .contains("VN-51-0041")
                .contains(">Tạm đình chỉ<") // the code's latest record
                .contains("Lịch sử: 1 bản ghi cũ hơn") // its application, older
                .contains("1,50 ha")
                .contains("VietGAP VietGAP-TT-13-09-51-0123")
                .contains("Trung tâm Chứng nhận &lt;1&gt;")
                .contains("OCOP (Mỗi xã một sản phẩm) OCOP-51-2026-7")
                .contains("★★★★")
                .contains("1.250,5 kg")
                .contains("Thửa lua-p")
                .contains("37 / 102")
                .contains("5.210,4 m³ (347,4 mm), đo bằng đồng hồ nước")
                .contains("97,2 %")
                .contains(">Thu hoạch và dán nhãn<")
                .contains(">Xuất hàng<")
                .contains(">đang vận chuyển<")
                .contains("Bản ghi 7: đang chờ ghi sổ cái")
                .contains("Bản ghi 1: đã ghi sổ ở khối 42, trình duyệt chưa kiểm tra")
                .contains("href=\"/01/08931234567897/10/L-PAGE-1?format=jsonld\"")
                .contains("href=\"/01/08931234567897/10/L-PAGE-1?lang=en\" hreflang=\"en\"")
                .doesNotContain("<b>A</b>");
        // every value translated: none of the records' own words shows as sent
        assertThat(seen)
                .doesNotContain(
                        ">rice<",
                        "VIETGAP",
                        "SUSPENDED",
                        "commissioning",
                        "BizStep",
                        "in_transit",
                        "flow_meter",
                        "code.status",
                        "epcis.event");
        // without the script, each section says it was not checked; nothing is green
        assertThat(seen)
                .contains("id=\"check-product\" aria-live=\"polite\">Chưa kiểm tra: việc kiểm tra mục này")
                .doesNotContain("class=\"check good\"")
                .doesNotContain("badge good");
        // the harvest's record awaits anchoring: its section is never green, its content still shown
        assertThat(seen).contains("1.250,5 kg").contains("badge waiting\" id=\"record-7-check\"");
    }

    @Test
    void inEnglishTheSameRecordsInEnglishWords() throws Exception {
        String html = page(full().story(), "en", LotView.Chain.NONE);
        keep("lot-en.html", html);
        assertThat(visible(html))
                .contains("<html lang=\"en\">")
                .contains(">Rice<")
                .contains(">Suspended<")
                .contains("History: 1 older record(s)")
                .contains("VietGAP VietGAP-TT-13-09-51-0123")
                .contains("1,250.5 kg")
                .contains("Nov 28, 2026")
                .contains("5,210.4 m³ (347.4 mm), measured by flow meter")
                .contains(">Harvested and labelled<")
                .contains(">Shipped<")
                .contains(">in transit<")
                .contains("Record 7: awaiting anchoring")
                .doesNotContain("VIETGAP", ">rice<", "commissioning");
    }

    @Test
    void thePageCarriesEachRecordsBytesProofRootAndBlockExactlyForItsScript() {
        var f = full();
        Story story = f.story();
        String html = page(story, "vi", new LotView.Chain("http://127.0.0.1:8545", null));
        JsonNode data = block(html, "records");
        assertThat(data.get("rpc").asString()).isEqualTo("http://127.0.0.1:8545");
        assertThat(data.get("contract").asString()).isEqualTo(StoryFixture.CONTRACT);
        assertThat(data.get("texts").get("verified-chain").asString())
                .contains("{0}")
                .contains("{1}");
        var names = new ArrayList<String>();
        data.get("sections").forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactlyElementsOf(Story.SECTIONS);
        var sent = story.sections().stream().flatMap(s -> s.records().stream()).toList();
        var carried = new ArrayList<JsonNode>();
        data.get("sections").forEach(s -> s.get("records").forEach(carried::add));
        assertThat(carried).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            var r = sent.get(i);
            JsonNode c = carried.get(i);
            assertThat(c.get("id").asLong()).isEqualTo(r.id());
            // the exact bytes: the script's hash of them must give the leaf
            assertThat(c.get("content").asString()).isEqualTo(r.content());
            assertThat(StoryFixture.hex(StoryFixture.keccak(
                            StoryFixture.keccak(c.get("content").asString().getBytes(StandardCharsets.UTF_8)))))
                    .isEqualTo(c.get("leaf").asString());
            assertThat(c.get("leafFormat").asInt()).isEqualTo(2);
            assertThat(c.get("state").asString()).isEqualTo(r.state());
            if (r.root() != null) {
                // the proof folds to the root, as OpenZeppelin's MerkleProof does
                byte[] node = java.util.HexFormat.of().parseHex(r.leaf().substring(2));
                for (JsonNode p : c.get("proof")) {
                    node = StoryFixture.Tree.pair(
                            node, java.util.HexFormat.of().parseHex(p.asString().substring(2)));
                }
                assertThat(StoryFixture.hex(node)).isEqualTo(c.get("root").asString());
                assertThat(c.get("blockNumber").asLong()).isEqualTo(StoryFixture.BLOCK);
                assertThat(c.get("txHash").asString()).isEqualTo(StoryFixture.TX);
            } else {
                assertThat(c.get("root").isNull()).isTrue();
            }
        }
        // the hostile name cannot end the data block early: its "</script>" is escaped inside the JSON
        assertThat(html.split("</script>", -1)).hasSize(4); // the data block, the JSON-LD, the script
        // no script runs inline: JSON data blocks and the bundled module only
        var m = SCRIPT.matcher(html);
        while (m.find()) {
            String attrs = m.group(1);
            if (attrs.contains("src=")) assertThat(m.group(2)).isEmpty();
            else assertThat(attrs).containsAnyOf("type=\"application/json\"", "type=\"application/ld+json\"");
        }
        assertThat(html).contains("<script type=\"module\" src=\"/js/verify.js\"></script>");
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<style").doesNotContain("style=");
        // without a configured endpoint the script is given none (it then says the root was served)
        assertThat(block(page(story, "vi", LotView.Chain.NONE), "records")
                        .get("rpc")
                        .isNull())
                .isTrue();
    }

    @Test
    void theJsonLdComesFromTheRecords() {
        JsonNode ld = block(page(full().story(), "en", LotView.Chain.NONE), "json-ld");
        assertThat(ld.get("@type").asString()).isEqualTo("Product");
        assertThat(ld.get("gtin").asString()).isEqualTo(StoryFixture.GTIN);
        assertThat(ld.get("name").asString()).isEqualTo(HOSTILE);
        assertThat(ld.get("manufacturer").get("name").asString()).isEqualTo("HTX <b>A</b>");
        var schemes = new ArrayList<String>();
        ld.get("hasCertification").forEach(c -> schemes.add(c.get("name").asString()));
        assertThat(schemes).containsExactly("VIETGAP", "OCOP");
        var props = new java.util.HashMap<String, String>();
        ld.get("additionalProperty")
                .forEach(p -> props.put(p.get("name").asString(), p.get("value").asString()));
        assertThat(props)
                .containsEntry("quantityKg", "1250.5")
                .containsEntry("harvestDate", "2026-11-28")
                .containsEntry("growingAreaCode", "VN-51-0041");
    }

    @Test
    void aMismatchedRecordAndDifferingCurrentDataTurnTheirSectionRedNamingTheRecord() {
        var f = full();
        f.add("cooperative", 11, "organisation", "htx-a", "MISMATCH", false, body().put("name", "HTX A (old)"));
        f.differs("harvest", 7, "quantityKg", "1250.5", "50000");
        String vi = visible(page(f.story(), "vi", LotView.Chain.NONE));
        assertThat(vi)
                .contains("class=\"check bad\" id=\"check-cooperative\"")
                .contains("Bản ghi 11 không đạt: nền tảng báo nội dung đang lưu không còn khớp")
                .contains("badge bad\" id=\"record-11-check\">Bản ghi 11 không còn khớp với bản đã ghi sổ<")
                .contains(
                        "Dữ liệu hiện tại của nền tảng khác với bản đã ghi sổ (bản ghi 7, khối lượng (kg): đã ghi sổ 1250.5, hiện nay 50000)")
                // the page keeps showing what was anchored
                .contains("1.250,5 kg")
                .doesNotContain("50.000 kg");
        assertThat(vi).contains("class=\"check unchecked\" id=\"check-product\"");
        JsonNode data = block(page(f.story(), "vi", LotView.Chain.NONE), "records");
        var differing = new ArrayList<String>();
        data.get("sections").forEach(s -> {
            if (s.get("differs").asBoolean()) differing.add(s.get("name").asString());
        });
        assertThat(differing).containsExactly("harvest");
    }

    @Test
    void aLotWithNoRecordsInASectionSaysSo() {
        var f = new StoryFixture();
        f.add(
                "product",
                1,
                "product",
                StoryFixture.GTIN,
                "AWAITING_ANCHORING",
                true,
                body().put("name", "Rau muống").put("crop", "leafy-greens"));
        String html = visible(page(f.story(), "vi", LotView.Chain.NONE));
        assertThat(html)
                .contains("Lô này không khai báo chứng nhận.")
                .contains("Chưa có tóm tắt tưới cho vụ này.")
                .contains("Chưa ghi công đoạn nào của hành trình.")
                .contains("Rau ăn lá")
                .contains("Bản ghi 1: đang chờ ghi sổ cái");
    }

    @Test
    void theCspOfTheBuyerPageAllowsTheConfiguredRpcOriginOnly() {
        String policy = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'";
        var none = new BuyerProperties(List.of(), null, null);
        assertThat(none.policyWithChain(policy)).isEqualTo(policy);
        var anvil = new BuyerProperties(List.of(), java.net.URI.create("http://127.0.0.1:8545/rpc?x=1"), null);
        assertThat(anvil.chainRpcOrigin()).isEqualTo("http://127.0.0.1:8545");
        assertThat(anvil.policyWithChain(policy))
                .isEqualTo("default-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.1:8545;"
                        + " object-src 'none'");
        var https = new BuyerProperties(List.of(), java.net.URI.create("https://rpc.chain.example.vn"), null);
        assertThat(https.policyWithChain("default-src 'self'"))
                .isEqualTo("default-src 'self'; connect-src 'self' https://rpc.chain.example.vn");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new BuyerProperties(List.of(), java.net.URI.create("ws://x"), null))
                .hasMessageContaining("chain-rpc-url");
    }

    @Test
    void anUnknownLotHasItsOwnPageInTheReadersLanguage() {
        Texts t = texts("en");
        var page = new Page(t, t.get("buyer.missing.title"), null, List.of(), null, null);
        String html = render(
                "buyer/missing.jte",
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
