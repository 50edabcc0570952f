package vn.dongxanh.web.buyer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.page.Words;

/**
 * What the buyer page shows of one record's body, in the reader's language: a title and labelled
 * facts per section, read by field name from the canonical record (never from the mutable tables).
 * Fields a body lacks are left out; closed words (crop, scheme, status, business step, water
 * method) come from the bundles, and one a newer service sends is shown as sent.
 */
public final class Bodies {
    private Bodies() {}

    /** A labelled value of a record; {@code id} names it for the page's tests and styles. */
    public record Fact(String id, String label, String value) {}

    /** The record's heading within its section (a certificate's scheme and number, a plot, a step), or null. */
    static String title(String section, JsonNode body, Texts t) {
        return switch (section) {
            case "certificates" -> {
                String scheme = text(body, "scheme");
                String number = text(body, "number");
                if (scheme == null && number == null) yield null;
                yield (scheme == null ? "" : scheme(t, scheme) + " ") + (number == null ? "" : number);
            }
            case "irrigation" -> text(body, "plot") == null ? null : t.get("buyer.irrigation.plot", text(body, "plot"));
            case "journey" -> text(body, "bizStep") == null ? null : step(t, text(body, "bizStep"));
            default -> null;
        };
    }

    static List<Fact> facts(String section, JsonNode body, Texts t, LotView view) {
        var out = new ArrayList<Fact>();
        switch (section) {
            case "product" -> {
                add(out, "product-name", t.get("buyer.product.name"), text(body, "name"));
                add(out, "product-crop", t.get("buyer.crop"), word(t, "buyer.crop.", text(body, "crop")));
                add(out, "product-gtin", t.get("buyer.gtin"), text(body, "gtin"));
            }
            case "cooperative" -> {
                add(out, "cooperative-name", t.get("buyer.cooperative"), text(body, "name"));
                add(out, "cooperative-province", t.get("buyer.cooperative.province"), text(body, "province"));
            }
            case "growingArea" -> {
                add(out, "area-code", t.get("buyer.area.code"), text(body, "code"));
                add(out, "area-status", t.get("buyer.area.status"), status(t, first(body, "to", "status")));
                add(out, "area-effective", t.get("buyer.area.effective"), view.date(text(body, "effectiveDate")));
                add(out, "area-crop", t.get("buyer.crop"), word(t, "buyer.crop.", text(body, "crop")));
                add(out, "area-ha", t.get("buyer.area.size"), hectares(t, body.get("areaHa")));
                add(out, "area-plots", t.get("buyer.area.plots"), plots(body.get("plots")));
            }
            case "certificates" -> {
                add(
                        out,
                        "certificate-status",
                        t.get("buyer.certificates.status"),
                        status(t, first(body, "to", "status")));
                String from = view.date(text(body, "validFrom")), to = view.date(text(body, "validTo"));
                if (from != null || to != null) {
                    add(
                            out,
                            "certificate-validity",
                            t.get("buyer.certificates.validity"),
                            t.get("buyer.range", from == null ? "…" : from, to == null ? "…" : to));
                }
                add(out, "certificate-issuer", t.get("buyer.certificates.issuer"), text(body, "issuerName"));
                JsonNode stars = body.get("stars");
                if (stars != null && stars.isNumber()) {
                    add(
                            out,
                            "certificate-stars",
                            t.get("buyer.certificates.stars"),
                            "★".repeat(Math.max(0, stars.asInt())));
                }
                add(out, "certificate-crops", t.get("buyer.certificates.crops"), crops(t, body.get("crops")));
            }
            case "harvest" -> {
                add(out, "harvest-lot", t.get("buyer.lot"), text(body, "lot"));
                add(out, "harvest-date", t.get("buyer.harvest-date"), view.date(text(body, "harvestDate")));
                add(out, "harvest-quantity", t.get("buyer.quantity"), view.kilograms(text(body, "quantityKg")));
                add(out, "harvest-code", t.get("buyer.area.code"), text(body, "code"));
                add(out, "harvest-plots", t.get("buyer.area.plots"), plots(body.get("plots")));
            }
            case "irrigation" -> {
                JsonNode s = body.has("summary") ? body.get("summary") : body;
                String from = view.date(first(body, "from")), to = view.date(first(body, "to"));
                if (from != null && to != null)
                    add(out, "irrigation-season", t.get("buyer.irrigation.season"), t.get("buyer.range", from, to));
                if (s.has("days") && s.has("daysIrrigated")) {
                    add(
                            out,
                            "irrigation-days",
                            t.get("buyer.irrigation.days"),
                            t.get(
                                    "buyer.irrigation.days-of",
                                    s.get("daysIrrigated").asLong(),
                                    s.get("days").asLong()));
                }
                JsonNode water = s.get("water");
                if (water != null && water.isObject()) {
                    add(
                            out,
                            "irrigation-water",
                            t.get("buyer.irrigation.water"),
                            t.get(
                                    "buyer.irrigation.water-amount",
                                    t.number(water.path("m3").asDouble(), 1),
                                    t.number(water.path("mm").asDouble(), 1),
                                    Words.of(t, "buyer.water.", text(water, "method"))));
                }
                JsonNode coverage = s.path("sensorCoverage").path("percent");
                if (coverage.isNumber()) {
                    add(
                            out,
                            "irrigation-coverage",
                            t.get("buyer.irrigation.coverage"),
                            t.get("unit.percent", t.number(coverage.asDouble(), 1)));
                }
                if (s.has("alarms"))
                    add(
                            out,
                            "irrigation-alarms",
                            t.get("buyer.irrigation.alarms"),
                            Long.toString(s.get("alarms").asLong()));
            }
            case "journey" -> {
                add(out, "journey-step", t.get("buyer.journey.step"), step(t, text(body, "bizStep")));
                add(out, "journey-time", t.get("buyer.journey.time"), view.time(text(body, "eventTime")));
                add(
                        out,
                        "journey-disposition",
                        t.get("buyer.journey.disposition"),
                        word(t, "buyer.disposition.", last(text(body, "disposition"))));
                add(out, "journey-place", t.get("buyer.journey.place"), text(body.path("bizLocation"), "id"));
            }
            default -> {}
        }
        return out;
    }

    static String scheme(Texts t, String scheme) {
        return Words.of(t, "buyer.scheme.", scheme.toUpperCase(Locale.ROOT));
    }

    /** A CBV business step, bare ({@code shipping}) or as its URI ({@code https://ref.gs1.org/cbv/BizStep-shipping}). */
    static String step(Texts t, String step) {
        return step == null ? null : word(t, "buyer.step.", last(step));
    }

    static String status(Texts t, String status) {
        return status == null ? null : Words.of(t, "buyer.status.", status.toLowerCase(Locale.ROOT));
    }

    private static String word(Texts t, String prefix, String word) {
        return word == null ? null : Words.of(t, prefix, word);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** The bare name of a vocabulary URI or URN ({@code …BizStep-shipping}, {@code urn:…:bizstep:shipping}). */
    static String last(String word) {
        if (word == null) return null;
        int cut = Math.max(word.lastIndexOf(':'), Math.max(word.lastIndexOf('/'), word.lastIndexOf('-')));
        // "leafy-greens"-like bare words keep their dash: only a URI or URN is cut
        return word.contains(":") || word.contains("/") ? word.substring(cut + 1) : word;
    }

    /** A value node as text, or null when absent or null. */
    static String text(JsonNode node, String field) {
        if (node == null) return null;
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainer()) return null;
        String s = v.asString();
        return s.isBlank() ? null : s;
    }

    private static String first(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) return v;
        }
        return null;
    }

    private static String hectares(Texts t, JsonNode v) {
        return v == null || !(v.isNumber() || v.isString())
                ? null
                : t.get("unit.ha", t.number(Double.parseDouble(v.asString()), 2));
    }

    /** Plot ids, whether the body lists them as strings or as objects with an id. */
    private static String plots(JsonNode plots) {
        if (plots == null || !plots.isArray() || plots.isEmpty()) return null;
        var ids = new ArrayList<String>();
        for (JsonNode p : plots) ids.add(p.isObject() ? p.path("id").asString() : p.asString());
        return String.join(", ", ids);
    }

    private static String crops(Texts t, JsonNode crops) {
        if (crops == null || !crops.isArray() || crops.isEmpty()) return null;
        var words = new ArrayList<String>();
        for (JsonNode c : crops) words.add(Words.of(t, "buyer.crop.", c.asString()));
        return String.join(", ", words);
    }

    private static void add(List<Fact> out, String id, String label, String value) {
        if (value != null && !value.isBlank()) out.add(new Fact(id, label, value));
    }
}
