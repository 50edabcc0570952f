package vn.dongxanh.trace.resolver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.resolver.HtmlTemplate.Safe;

/**
 * The minimal buyer page of a lot: light, no script, readable on a phone. Every value goes
 * through {@link HtmlTemplate}, so a product name typed by a cooperative cannot inject markup.
 */
final class LotPage {
    // one inline style sheet; the Content-Security-Policy allows exactly this one by its hash
    private static final String STYLE =
            "body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
                    + "color:#1b2a1f;background:#f6f8f4}main{max-width:40rem;margin:0 auto;padding:1rem}"
                    + "h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.25rem 0 .5rem;color:#2e6b34}"
                    + "section{background:#fff;border-radius:.5rem;padding:.25rem 1rem .75rem;margin:.75rem 0}"
                    + "dl{display:grid;grid-template-columns:minmax(7rem,38%) 1fr;gap:.3rem .75rem;margin:0}"
                    + "dt{color:#5a6b5d}dd{margin:0;overflow-wrap:anywhere}code{font-size:.85em;word-break:break-all}"
                    + ".top{display:flex;justify-content:space-between;color:#5a6b5d;font-size:.9rem}"
                    + ".badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-weight:600}"
                    + ".ok{background:#d7f0d9;color:#17521d}.warn{background:#fdf1c7;color:#6b4e00}"
                    + ".bad{background:#fbd9d6;color:#7c1a12}ul{padding-left:1.1rem;margin:.25rem 0}"
                    + "li{margin:.5rem 0}a{color:#1f5fa8}footer{font-size:.9rem;margin:1rem 0}";

    /** Content-Security-Policy of the page: no script, no outside resource, only our style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Set<String> GOOD = Set.of("ISSUED", "VALID", "ANCHORED", "CONFIRMED");
    private static final Set<String> WAITING =
            Set.of("APPLIED", "UNDER_INSPECTION", "EXPIRING", "NOT_YET_VALID", "PENDING");

    private static final HtmlTemplate PAGE = HtmlTemplate.of("""
            <!doctype html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{product}} · {{lot}}</title>
            <style>{{style}}</style>
            </head>
            <body>
            <main>
            <p class="top"><span>{{title}}</span><a href="{{switchHref}}" hreflang="{{otherLang}}">{{switchLabel}}</a></p>
            <h1>{{product}}</h1>
            <section><dl>{{lotRows}}</dl></section>
            <section><h2>{{areaTitle}}</h2><dl>{{areaRows}}</dl></section>
            <section><h2>{{certTitle}}</h2>{{certs}}</section>
            <section><h2>{{irrigationTitle}}</h2>{{irrigation}}</section>
            <section><h2>{{ledgerTitle}}</h2><dl>{{ledgerRows}}</dl></section>
            <footer><a href="{{eventsHref}}">{{eventsLabel}}</a> · <a href="{{dataHref}}" type="application/ld+json">{{dataLabel}}</a></footer>
            </main>
            </body>
            </html>
            """);
    private static final HtmlTemplate NOT_FOUND = HtmlTemplate.of("""
            <!doctype html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <style>{{style}}</style>
            </head>
            <body><main><p class="top"><span>{{title}}</span></p><h1>{{message}}</h1><p>{{gtinLabel}} {{gtin}} · {{lotLabel}} {{lot}}</p></main></body>
            </html>
            """);
    private static final HtmlTemplate ROW = HtmlTemplate.of("<dt>{{k}}</dt><dd>{{v}}</dd>");
    private static final HtmlTemplate BADGE = HtmlTemplate.of("<span class=\"badge {{tone}}\">{{text}}</span>");
    private static final HtmlTemplate CODE = HtmlTemplate.of("<code>{{v}}</code>");
    private static final HtmlTemplate LINK = HtmlTemplate.of("<a href=\"{{href}}\">{{text}}</a>");
    private static final HtmlTemplate LIST = HtmlTemplate.of("<ul>{{items}}</ul>");
    private static final HtmlTemplate CERT = HtmlTemplate.of(
            "<li><strong>{{scheme}}</strong> {{number}} {{badge}}<br>{{validityLabel}}: {{from}} – {{to}}{{extra}}</li>");
    private static final HtmlTemplate EXTRA = HtmlTemplate.of("<br>{{k}}: {{v}}");
    private static final HtmlTemplate SEASON =
            HtmlTemplate.of("<li><strong>{{plotLabel}} {{plot}}</strong><dl>{{rows}}</dl></li>");
    private static final HtmlTemplate PARAGRAPH = HtmlTemplate.of("<p>{{text}}</p>");

    private LotPage() {}

    /**
     * @param self the lot's Digital Link URI
     * @param publicUrl base of the API links
     * @param eventsHref the EPCIS query of the lot
     */
    static String render(LotFacts facts, PageLanguage lang, String self, String publicUrl, String eventsHref) {
        DateTimeFormatter dates = dates(lang);
        var b = facts.batch();

        List<Safe> lot = new ArrayList<>();
        lot.add(row(lang.label("gtin"), CODE.render(Map.of("v", b.gtin()))));
        lot.add(row(lang.label("lot"), b.lot()));
        lot.add(row(lang.label("crop"), facts.crop()));
        lot.add(row(lang.label("harvestDate"), dates.format(b.harvestDate())));
        lot.add(row(lang.label("quantity"), b.quantityKg().stripTrailingZeros().toPlainString() + " kg"));
        lot.add(row(lang.label("cooperative"), facts.cooperativeName()));

        List<Safe> area = new ArrayList<>();
        area.add(row(lang.label("code"), CODE.render(Map.of("v", facts.code().code()))));
        area.add(row(lang.label("statusNow"), badge(lang, facts.code().status().name())));
        area.add(row(
                lang.label("statusAtHarvest"),
                facts.statusOnHarvestDate()
                        .map(s -> badge(lang, s.name()))
                        .orElse(new Safe(HtmlTemplate.escape(lang.label("unknown"))))));
        area.add(row(lang.label("plots"), String.join(", ", b.plots())));

        Safe certs;
        if (facts.certificates().isEmpty()) {
            certs = PARAGRAPH.render(Map.of("text", lang.label("noCertificates")));
        } else {
            List<Safe> items = new ArrayList<>();
            for (LotFacts.CertificateFact cf : facts.certificates()) {
                items.add(certificate(cf, lang, dates));
            }
            certs = LIST.render(Map.of("items", Safe.join(items)));
        }

        Safe irrigation;
        if (facts.irrigation().isEmpty()) {
            irrigation = PARAGRAPH.render(Map.of("text", lang.label("noIrrigation")));
        } else {
            List<Safe> seasons = new ArrayList<>();
            for (var e : facts.irrigation()) {
                seasons.add(season(e, lang, dates));
            }
            irrigation = LIST.render(Map.of("items", Safe.join(seasons)));
        }

        List<Safe> ledger = new ArrayList<>();
        StoredRecord.Status status = facts.record().map(StoredRecord::status).orElse(StoredRecord.Status.PENDING);
        ledger.add(row(lang.label("ledgerStatus"), badge(lang, status.name())));
        facts.record().flatMap(StoredRecord::anchoring).ifPresent(a -> {
            ledger.add(row(lang.label("root"), CODE.render(Map.of("v", a.root().hex()))));
            a.txHash()
                    .filter(h -> status != StoredRecord.Status.PENDING)
                    .ifPresent(h -> ledger.add(row(lang.label("tx"), CODE.render(Map.of("v", h)))));
            a.blockNumber().ifPresent(n -> ledger.add(row(lang.label("block"), Long.toString(n))));
        });
        String records = publicUrl + "/api/records/" + b.recordId();
        ledger.add(
                row(lang.label("proof"), LINK.render(Map.of("href", records + "/proof", "text", records + "/proof"))));
        ledger.add(row(
                lang.label("verification"),
                LINK.render(Map.of("href", records + "/verification", "text", lang.label("verification")))));

        return PAGE.render(Map.ofEntries(
                        Map.entry("lang", lang.tag()),
                        Map.entry("style", new Safe(STYLE)),
                        Map.entry("title", lang.label("title")),
                        Map.entry(
                                "switchHref",
                                self + "?format=html&lang=" + lang.other().tag()),
                        Map.entry("otherLang", lang.other().tag()),
                        Map.entry("switchLabel", lang.label("switch")),
                        Map.entry("product", facts.productName()),
                        Map.entry("lot", b.lot()),
                        Map.entry("lotRows", Safe.join(lot)),
                        Map.entry("areaTitle", lang.label("area")),
                        Map.entry("areaRows", Safe.join(area)),
                        Map.entry("certTitle", lang.label("certificates")),
                        Map.entry("certs", certs),
                        Map.entry("irrigationTitle", lang.label("irrigation")),
                        Map.entry("irrigation", irrigation),
                        Map.entry("ledgerTitle", lang.label("ledger")),
                        Map.entry("ledgerRows", Safe.join(ledger)),
                        Map.entry("eventsHref", eventsHref),
                        Map.entry("eventsLabel", lang.label("events")),
                        Map.entry("dataHref", self + "?format=jsonld"),
                        Map.entry("dataLabel", lang.label("data"))))
                .html();
    }

    /** The page for a lot we do not know. */
    static String notFound(PageLanguage lang, String gtin, String lot) {
        return NOT_FOUND
                .render(Map.of(
                        "lang", lang.tag(),
                        "style", new Safe(STYLE),
                        "title", lang.label("title"),
                        "message", lang.label("notFound"),
                        "gtinLabel", lang.label("gtin"),
                        "gtin", gtin,
                        "lotLabel", lang.label("lot"),
                        "lot", lot))
                .html();
    }

    private static Safe certificate(LotFacts.CertificateFact cf, PageLanguage lang, DateTimeFormatter dates) {
        Certificate c = cf.certificate();
        List<Safe> extra = new ArrayList<>();
        Optional.ofNullable(cf.issuer())
                .ifPresent(i -> extra.add(EXTRA.render(Map.of("k", lang.label("issuer"), "v", i))));
        c.stars().ifPresent(s -> extra.add(EXTRA.render(Map.of("k", lang.label("stars"), "v", "★".repeat(s)))));
        return CERT.render(Map.of(
                "scheme", c.scheme().name(),
                "number", c.number(),
                "badge", badge(lang, cf.status()),
                "validityLabel", lang.label("validity"),
                "from", dates.format(c.validFrom()),
                "to", dates.format(c.validTo()),
                "extra", Safe.join(extra)));
    }

    private static Safe season(IrrigationSummaryDiary.Entry e, PageLanguage lang, DateTimeFormatter dates) {
        var s = e.summary();
        List<Safe> rows = new ArrayList<>();
        rows.add(row(lang.label("season"), dates.format(e.from()) + " – " + dates.format(e.to())));
        rows.add(row(lang.label("daysIrrigated"), s.daysIrrigated() + " / " + s.days()));
        rows.add(row(
                lang.label("water"),
                String.format(
                        Locale.ROOT,
                        "%.1f m³ (%.1f mm), %s",
                        s.water().m3(),
                        s.water().mm(),
                        lang.label(s.water().method()))));
        rows.add(row(
                lang.label("sensorCoverage"),
                s.sensorCoverage().percent() == null
                        ? lang.label("unknown")
                        : String.format(
                                Locale.ROOT, "%.1f %%", s.sensorCoverage().percent())));
        rows.add(row(lang.label("alarms"), Long.toString(s.alarms())));
        return SEASON.render(Map.of("plotLabel", lang.label("plot"), "plot", e.plot(), "rows", Safe.join(rows)));
    }

    private static Safe row(String key, Object value) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("k", key);
        values.put("v", value); // may be null: a column left empty renders as nothing
        return ROW.render(values);
    }

    private static Safe badge(PageLanguage lang, String status) {
        String tone = GOOD.contains(status) ? "ok" : WAITING.contains(status) ? "warn" : "bad";
        return BADGE.render(Map.of("tone", tone, "text", lang.label(status)));
    }

    private static DateTimeFormatter dates(PageLanguage lang) {
        return lang == PageLanguage.VI ? DateTimeFormatter.ofPattern("dd/MM/yyyy") : DateTimeFormatter.ISO_LOCAL_DATE;
    }

    private static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
