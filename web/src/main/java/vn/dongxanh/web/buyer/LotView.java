package vn.dongxanh.web.buyer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.page.Words;

/**
 * The buyer page's words and formats for a lot's facts, in the reader's language: statuses from
 * the bundles ({@code buyer.status.…}) with a tone for their badge, dates, quantities, and the
 * links on this origin (passed on to traceability-service, {@link PublicPaths}).
 */
public record LotView(LotFacts facts, Texts t) {
    /** Every status word traceability-service sends for a code, a certificate or a ledger record. */
    public static final List<String> STATUSES = List.of(
            "applied",
            "under_inspection",
            "issued",
            "suspended",
            "revoked",
            "rejected",
            "expired",
            "valid",
            "expiring",
            "not_yet_valid",
            "withdrawn",
            "pending",
            "anchored",
            "confirmed",
            "reanchoring");

    /** Water measurement methods of an irrigation summary ({@code buyer.water.…}). */
    public static final List<String> WATER_METHODS = List.of("flow_meter", "valve_time", "none");

    /** The crops the platform knows (rice and traceability's vegetables, {@code buyer.crop.…}); others show as sent. */
    public static final List<String> CROPS = List.of(
            "rice", "leafy-greens", "cabbage", "tomato", "cucumber", "chili", "watermelon", "shallot", "garlic");

    private static final Set<String> GOOD = Set.of("issued", "valid", "anchored", "confirmed");
    private static final Set<String> WAITING =
            Set.of("applied", "under_inspection", "expiring", "not_yet_valid", "pending", "reanchoring");

    /** A status in the reader's language; one a newer service sends is shown as sent. */
    public String status(String status) {
        if (status == null) return t.get("buyer.unknown");
        return Words.of(t, "buyer.status.", status.toLowerCase(Locale.ROOT));
    }

    /** The badge's tone class: good, waiting or bad. */
    public String tone(String status) {
        if (status == null) return "waiting";
        String s = status.toLowerCase(Locale.ROOT);
        return GOOD.contains(s) ? "good" : WAITING.contains(s) ? "waiting" : "bad";
    }

    public String date(LocalDate date) {
        return date == null
                ? t.get("buyer.unknown")
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(t.locale())
                        .format(date);
    }

    public String quantity() {
        var kg = facts.quantityKg().stripTrailingZeros();
        return t.get("unit.kg", t.number(kg.doubleValue(), Math.max(0, kg.scale())));
    }

    public String crop() {
        return Words.of(t, "buyer.crop.", facts.product().crop());
    }

    public String water(LotFacts.Irrigation i) {
        return t.get(
                "buyer.irrigation.water-amount",
                t.number(i.waterM3(), 1),
                t.number(i.waterMm(), 1),
                Words.of(t, "buyer.water.", i.waterMethod()));
    }

    public String coverage(LotFacts.Irrigation i) {
        return i.sensorCoveragePercent() == null
                ? t.get("buyer.unknown")
                : t.get("unit.percent", t.number(i.sensorCoveragePercent(), 1));
    }

    public String stars(int n) {
        return "★".repeat(Math.max(0, n));
    }

    /** This lot's Digital Link path on this origin. */
    public String path() {
        return "/01/" + facts.gtin() + "/10/" + facts.lot();
    }

    public String proofHref() {
        return "/api/records/" + facts.record().id() + "/proof";
    }

    public String verificationHref() {
        return "/api/records/" + facts.record().id() + "/verification";
    }

    public String eventsHref() {
        return "/api/epcis/events?epc="
                + java.net.URLEncoder.encode(facts.epc(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public String jsonLdHref() {
        return path() + "?format=jsonld";
    }
}
