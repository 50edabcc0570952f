package vn.dongxanh.web.buyer;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.page.Words;

/**
 * The buyer page of a lot, made from its story (the records that were, or will be, anchored): each
 * section's latest records and their history with the record's state on the ledger, what the
 * platform's current data says differently, the data the page's script checks ({@link
 * #recordsJson()}) and the page's JSON-LD, all from the records' canonical bytes.
 *
 * @param chain where the page's script reads roots from the chain, and how a transaction is linked
 */
public record LotView(Story story, Texts t, Chain chain) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The buyer page's ledger options ({@link BuyerProperties}).
     *
     * @param rpcUrl a public JSON-RPC endpoint of the chain the browser reads roots from; null: none
     * @param transactionUrl a block explorer's link to a transaction, {@code {tx}} replaced; null: none
     */
    public record Chain(String rpcUrl, String transactionUrl) {
        public static final Chain NONE = new Chain(null, null);
    }

    /** The water measurement methods of an irrigation summary ({@code buyer.water.…}). */
    public static final List<String> WATER_METHODS = List.of("flow_meter", "valve_time", "none");

    /** The crops the platform knows (rice and traceability's vegetables, {@code buyer.crop.…}); others show as sent. */
    public static final List<String> CROPS = List.of(
            "rice", "leafy-greens", "cabbage", "tomato", "cucumber", "chili", "watermelon", "shallot", "garlic");

    /** The status words of a growing-area code and a certificate ({@code buyer.status.…}). */
    public static final List<String> STATUSES = List.of(
            "applied",
            "under_inspection",
            "issued",
            "suspended",
            "revoked",
            "rejected",
            "expired",
            "active",
            "withdrawn");

    /** Certificate schemes ({@code buyer.scheme.…}). */
    public static final List<String> SCHEMES = List.of("VIETGAP", "GLOBALGAP", "OCOP");

    /** The CBV 2.0 business steps ({@code buyer.step.…}). */
    public static final List<String> STEPS = vn.dongxanh.contract.epcis.Cbv.BIZ_STEPS;

    /** The CBV 2.0 dispositions ({@code buyer.disposition.…}). */
    public static final List<String> DISPOSITIONS = vn.dongxanh.contract.epcis.Cbv.DISPOSITIONS;

    /** The record fields a difference may name ({@code buyer.field.…}); others show as sent. */
    public static final List<String> FIELDS = List.of(
            "name",
            "crop",
            "gtin",
            "code",
            "status",
            "plots",
            "areaHa",
            "scheme",
            "number",
            "validFrom",
            "validTo",
            "stars",
            "issuerName",
            "lot",
            "harvestDate",
            "quantityKg",
            "province");

    /** What the script says, by its own name (verify.js) from the bundles' {@code buyer.verify.…}. */
    public static final List<String> SCRIPT_TEXTS = List.of(
            "checking",
            "verified-chain",
            "verified-served",
            "awaiting",
            "unreachable",
            "failed-leaf",
            "failed-proof",
            "failed-mismatch",
            "failed-not-anchored",
            "failed-block",
            "differs-checked",
            "section-chain",
            "section-served",
            "empty");

    /** One record as the page shows it. */
    public record Entry(Story.Record record, String title, List<Bodies.Fact> facts, String state, String tone) {
        public String checkId() {
            return "record-" + record.id() + "-check";
        }
    }

    /**
     * A section of the page: its latest records, their history (older records), where the
     * platform's current data differs from the latest record, and what the page says of the check
     * before (or without) the script: a record the service found mismatched, else "not checked".
     */
    public record Part(
            String name,
            List<Entry> latest,
            List<Entry> history,
            List<Story.Difference> differs,
            String check,
            String checkTone) {
        public boolean empty() {
            return latest.isEmpty() && history.isEmpty();
        }
    }

    public List<Part> parts() {
        var parts = new ArrayList<Part>();
        for (String name : Story.SECTIONS) {
            var section = story.section(name);
            var latest = new ArrayList<Entry>();
            var history = new ArrayList<Entry>();
            for (var r : section.records()) (r.latest() ? latest : history).add(entry(name, r));
            var differs = story.differs().stream()
                    .filter(d -> name.equals(d.section()))
                    .toList();
            var mismatched = section.records().stream()
                    .filter(r -> Story.MISMATCH.equals(r.state()))
                    .findFirst();
            String check;
            String tone;
            if (mismatched.isPresent()) {
                check = t.get("buyer.verify.failed-mismatch", mismatched.get().id());
                tone = "bad";
            } else if (section.records().isEmpty()) {
                check = t.get("buyer.verify.empty");
                tone = "unchecked";
            } else {
                check = t.get("buyer.check.no-script");
                tone = "unchecked";
            }
            parts.add(new Part(name, latest, history, differs, check, tone));
        }
        return parts;
    }

    private Entry entry(String section, Story.Record r) {
        JsonNode body = body(r);
        String state;
        String tone;
        if (Story.MISMATCH.equals(r.state())) {
            state = t.get("buyer.record.mismatch", r.id());
            tone = "bad";
        } else if (Story.ANCHORED.equals(r.state())) {
            state = r.blockNumber() == null
                    ? t.get("buyer.record.anchored", r.id())
                    : t.get("buyer.record.anchored-in", r.id(), r.blockNumber());
            tone = "unchecked";
        } else {
            state = t.get("buyer.record.awaiting", r.id());
            tone = "waiting";
        }
        return new Entry(r, Bodies.title(section, body, t), Bodies.facts(section, body, t, this), state, tone);
    }

    /** A record's body from its canonical bytes; empty when they do not parse (the script then says why). */
    static JsonNode body(Story.Record r) {
        try {
            JsonNode content = JSON.readTree(r.content() == null ? "{}" : r.content());
            JsonNode body = content.get("body");
            return body == null || !body.isObject() ? JSON.createObjectNode() : body;
        } catch (JacksonException unreadable) {
            return JSON.createObjectNode();
        }
    }

    /** The latest body of a section's first record, empty when there is none. */
    private JsonNode latest(String section) {
        return story.section(section).records().stream()
                .filter(Story.Record::latest)
                .findFirst()
                .map(LotView::body)
                .orElse(JSON.createObjectNode());
    }

    /** The product's name from its record; the GTIN while there is none. */
    public String productName() {
        String name = Bodies.text(latest("product"), "name");
        return name == null ? story.gtin() : name;
    }

    public String heading(String section) {
        return t.get("buyer.section." + section);
    }

    public String none(String section) {
        return t.get("buyer.section." + section + ".none");
    }

    /** A field a difference names, in the reader's language. */
    public String field(String name) {
        return Words.of(t, "buyer.field.", name);
    }

    /** A record's time of recording, in the reader's zone. */
    public String recorded(Story.Record r) {
        return r.recordedAt() == null ? t.get("buyer.unknown") : t.dateTime(r.recordedAt());
    }

    /** A link to a record's transaction: the configured explorer, else the record's proof on this origin. */
    public String transactionHref(Story.Record r) {
        if (chain.transactionUrl() != null && r.txHash() != null)
            return chain.transactionUrl().replace("{tx}", r.txHash());
        return "/api/records/" + r.id() + "/proof";
    }

    /** A day of a body ({@code 2026-11-28}) in the reader's language; null when absent, as sent when not a day. */
    String date(String iso) {
        if (iso == null) return null;
        try {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                    .withLocale(t.locale())
                    .format(LocalDate.parse(iso));
        } catch (DateTimeParseException notADay) {
            return iso;
        }
    }

    /** A moment of a body (an EPCIS event time with its offset) in the reader's zone. */
    String time(String iso) {
        if (iso == null) return null;
        try {
            return t.dateTime(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return t.dateTime(Instant.parse(iso));
            } catch (DateTimeParseException notInstant) {
                return iso;
            }
        }
    }

    /** A quantity of a body, a decimal string (or number) shown exactly, in kg. */
    String kilograms(String decimal) {
        if (decimal == null) return null;
        try {
            var kg = new BigDecimal(decimal).stripTrailingZeros();
            var f = NumberFormat.getNumberInstance(t.locale());
            f.setMaximumFractionDigits(Math.max(0, kg.scale()));
            f.setMinimumFractionDigits(Math.max(0, kg.scale()));
            return t.get("unit.kg", f.format(kg));
        } catch (NumberFormatException notANumber) {
            return decimal;
        }
    }

    /** This lot's Digital Link path on this origin. */
    public String path() {
        return "/01/" + story.gtin() + "/10/" + story.lot();
    }

    public String eventsHref() {
        return "/api/epcis/events?epc="
                + java.net.URLEncoder.encode(
                        story.digitalLink() == null ? path() : story.digitalLink(),
                        java.nio.charset.StandardCharsets.UTF_8);
    }

    public String jsonLdHref() {
        return path() + "?format=jsonld";
    }

    /**
     * What the page's script checks (verify.js), as JSON for a {@code <script type="application/json">}
     * block: every record's canonical bytes, leaf format, leaf, proof, root, transaction and block by
     * section, whether the platform's current data differs there, the chain to read roots from, and
     * the script's words in the reader's language.
     */
    public String recordsJson() {
        ObjectNode data = JSON.createObjectNode();
        var ledger = story.ledger();
        boolean onChain = chain.rpcUrl() != null && ledger != null && ledger.contract() != null;
        data.put("rpc", onChain ? chain.rpcUrl() : null);
        data.put("contract", ledger == null ? null : ledger.contract());
        data.put("chainId", ledger == null ? null : ledger.chainId());
        ObjectNode texts = data.putObject("texts");
        for (String key : SCRIPT_TEXTS) texts.put(key, t.get("buyer.verify." + key));
        ArrayNode sections = data.putArray("sections");
        for (String name : Story.SECTIONS) {
            var section = story.section(name);
            ObjectNode s = sections.addObject();
            s.put("name", name);
            s.put("differs", story.differs().stream().anyMatch(d -> name.equals(d.section())));
            ArrayNode records = s.putArray("records");
            for (var r : section.records()) {
                ObjectNode o = records.addObject();
                o.put("id", r.id());
                o.put("kind", r.kind());
                o.put("content", r.content());
                o.put("leafFormat", r.leafFormat());
                o.put("leaf", r.leaf());
                o.put("state", r.state());
                o.put("root", r.root());
                ArrayNode proof = o.putArray("proof");
                r.proof().forEach(proof::add);
                o.put("txHash", r.txHash());
                o.put("blockNumber", r.blockNumber());
                o.put("latest", r.latest());
            }
        }
        return forScript(JSON.writeValueAsString(data));
    }

    /** The page's JSON-LD (schema.org Product), from the latest records only. */
    public String jsonLd() {
        JsonNode product = latest("product");
        JsonNode harvest = latest("harvest");
        JsonNode cooperative = latest("cooperative");
        ObjectNode ld = JSON.createObjectNode();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "Product");
        ld.put("@id", story.digitalLink());
        ld.put("gtin", story.gtin());
        if (Bodies.text(product, "name") != null) ld.put("name", Bodies.text(product, "name"));
        if (Bodies.text(product, "crop") != null) ld.put("category", Bodies.text(product, "crop"));
        if (Bodies.text(cooperative, "name") != null) {
            ld.putObject("manufacturer").put("@type", "Organization").put("name", Bodies.text(cooperative, "name"));
        }
        ArrayNode certifications = JSON.createArrayNode();
        for (var r : story.section("certificates").records()) {
            if (!r.latest()) continue;
            JsonNode c = body(r);
            if (Bodies.text(c, "scheme") == null) continue;
            ObjectNode o = certifications.addObject().put("@type", "Certification");
            o.put("name", Bodies.text(c, "scheme"));
            if (Bodies.text(c, "number") != null) o.put("certificationIdentification", Bodies.text(c, "number"));
            if (Bodies.text(c, "validFrom") != null) o.put("validFrom", Bodies.text(c, "validFrom"));
            if (Bodies.text(c, "validTo") != null) o.put("expires", Bodies.text(c, "validTo"));
        }
        if (!certifications.isEmpty()) ld.set("hasCertification", certifications);
        ArrayNode properties = JSON.createArrayNode();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("lot", story.lot());
        facts.put("harvestDate", Bodies.text(harvest, "harvestDate"));
        facts.put("quantityKg", Bodies.text(harvest, "quantityKg"));
        facts.put("growingAreaCode", Bodies.text(harvest, "code"));
        facts.forEach((name, value) -> {
            if (value != null)
                properties
                        .addObject()
                        .put("@type", "PropertyValue")
                        .put("name", name)
                        .put("value", value);
        });
        ld.set("additionalProperty", properties);
        return forScript(JSON.writeValueAsString(ld));
    }

    /**
     * JSON safe inside a script element: no {@code </script>}, comment or CDATA can be closed by a
     * value, since {@code <}, {@code >} and {@code &} are written as JSON escapes (the same JSON).
     */
    static String forScript(String json) {
        return json.replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }
}
