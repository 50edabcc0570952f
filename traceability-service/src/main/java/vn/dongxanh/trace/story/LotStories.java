package vn.dongxanh.trace.story;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.epcis.EpcisService;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.organisation.OrganisationRecords;
import vn.dongxanh.trace.product.ProductRecords;
import vn.dongxanh.trace.record.Bytes32;
import vn.dongxanh.trace.record.CanonicalJson;
import vn.dongxanh.trace.record.RecordCheck;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.web.PublicProperties;

/**
 * Tells a lot's story from its records (docs/lot-story.md). The tables are used to find the
 * records (which certificate a claimed id is, which EPCIS events name the lot, which irrigation
 * summary belongs to the season) and to compare with them; nothing shown is read from them. Where
 * the lot's own harvest record says which code, plots and certificates it has, that record is
 * followed rather than the batch row, so an edited row cannot bring another code's story in.
 */
@Service
public class LotStories {
    static final String BATCH_KIND = "batch";
    static final String CODE_APPLICATION = "code.application";
    static final String CODE_STATUS = "code.status";
    static final String CERTIFICATE = "certificate";
    static final String CERTIFICATE_STATE = "certificate.state";

    private final RecordStore records;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final IrrigationSummaryDiary irrigation;
    private final EpcisService epcis;
    private final PublicProperties web;
    private final ObjectProvider<LedgerChain> chain;

    public LotStories(
            RecordStore records,
            JdbcClient jdbc,
            JsonMapper json,
            IrrigationSummaryDiary irrigation,
            EpcisService epcis,
            PublicProperties web,
            ObjectProvider<LedgerChain> chain) {
        this.records = records;
        this.jdbc = jdbc;
        this.json = json;
        this.irrigation = irrigation;
        this.epcis = epcis;
        this.web = web;
        this.chain = chain;
    }

    /**
     * The story with what the lot's other views need beside it: which certificate id is which
     * subject (a certificate's record does not carry the platform's id) and the records as stored.
     */
    public record Told(LotStory story, Map<Long, String> certificateSubjects, Map<Long, StoredRecord> stored) {}

    public Told tell(Batch batch) {
        return tell(batch, true);
    }

    /**
     * As {@link #tell(Batch)}; without {@code compare}, {@code differs} is left empty (the facts and
     * the JSON-LD show only the records, and a QR scan need not pay for the comparison's queries).
     */
    public Told tell(Batch batch, boolean compare) {
        String gtin = batch.gtin();
        String lot = batch.lot();
        List<StoredRecord> harvest = records.bySubject(BATCH_KIND, gtin + "/" + lot);
        JsonNode h = harvest.isEmpty() ? json.createObjectNode() : body(harvest.getLast());
        String code = text(h, "code").orElse(batch.code());
        String organisation = text(h, "organisation").orElse(batch.organisationId());
        LocalDate harvestDate = date(h, "harvestDate").orElse(batch.harvestDate());
        List<String> plots = h.path("plots").isArray() ? texts(h.path("plots")) : batch.plots();
        List<Long> certificateIds = h.path("certificates").isArray()
                ? texts(h.path("certificates")).stream().map(Long::parseLong).toList()
                : batch.certificates();

        Map<String, List<StoredRecord>> found = new LinkedHashMap<>();
        found.put("product", records.bySubject(ProductRecords.KIND, gtin));
        found.put("cooperative", records.bySubject(OrganisationRecords.KIND, organisation));
        found.put(
                "growingArea", merged(records.bySubject(CODE_APPLICATION, code), records.bySubject(CODE_STATUS, code)));
        Map<Long, String> certificateSubjects = new LinkedHashMap<>();
        List<StoredRecord> certificates = new ArrayList<>();
        Set<String> issuers = new LinkedHashSet<>();
        for (long id : certificateIds) {
            Optional<Map<String, Object>> row = jdbc
                    .sql("select scheme || ':' || number as subject, issuer_id from certificate where id = ?")
                    .param(id)
                    .query()
                    .listOfRows()
                    .stream()
                    .findFirst();
            if (row.isEmpty()) continue;
            String subject = (String) row.get().get("subject");
            certificateSubjects.put(id, subject);
            List<StoredRecord> of =
                    merged(records.bySubject(CERTIFICATE, subject), records.bySubject(CERTIFICATE_STATE, subject));
            certificates.addAll(of);
            issuers.add(latestOfKind(of, CERTIFICATE)
                    .flatMap(r -> text(body(r), "issuer"))
                    .orElse((String) row.get().get("issuer_id")));
        }
        // the issuer's name is what the page shows beside a certificate: anchored as well
        for (String issuer : issuers) {
            certificates.addAll(records.bySubject(OrganisationRecords.KIND, issuer));
        }
        found.put("certificates", certificates);
        found.put("harvest", harvest);
        found.put(
                "irrigation",
                irrigation.forHarvest(plots, harvestDate).stream()
                        .map(e -> records.find(e.recordId()))
                        .flatMap(Optional::stream)
                        .toList());
        List<Long> events = jdbc.sql("""
                        select e.record_id from epcis_event e join epcis_event_epc x on x.event_id = e.id
                         where x.epc = ? order by e.event_time, e.id
                        """)
                .param(epcis.events().lgtin(gtin, lot))
                .query(Long.class)
                .list();
        found.put(
                "journey",
                events.stream().map(records::find).flatMap(Optional::stream).toList());

        Map<Long, StoredRecord> stored = new HashMap<>();
        List<LotStory.Section> sections = new ArrayList<>();
        for (String name : LotStory.SECTIONS) {
            List<StoredRecord> list = found.get(name);
            list.forEach(r -> stored.put(r.id(), r));
            Map<String, Long> latest = new HashMap<>();
            for (StoredRecord r : list) {
                latest.merge(family(r), r.id(), Math::max);
            }
            sections.add(new LotStory.Section(
                    name,
                    list.stream()
                            .map(r -> entry(r, latest.get(family(r)) == r.id()))
                            .toList()));
        }
        LedgerChain c = chain.getIfAvailable();
        LotStory story = new LotStory(
                gtin,
                lot,
                web.digitalLink(gtin, lot),
                new LotStory.Ledger(c == null ? null : c.chainId(), c == null ? null : c.contractAddress()),
                List.copyOf(sections),
                compare ? differs(found, certificateSubjects) : List.of());
        return new Told(story, Map.copyOf(certificateSubjects), Map.copyOf(stored));
    }

    /** The body of a record's content; an empty object when the stored content is not JSON any more. */
    public JsonNode body(StoredRecord r) {
        return body(r.content());
    }

    /** The body of a record's canonical content ({@code JSON.parse(content).body}). */
    public JsonNode body(String content) {
        try {
            JsonNode body = json.readTree(content).path("body");
            return body.isObject() ? body : json.createObjectNode();
        } catch (RuntimeException e) {
            // a content edited into something else: shown as it is, its state says MISMATCH
            return json.createObjectNode();
        }
    }

    private LotStory.Entry entry(StoredRecord r, boolean latest) {
        Optional<StoredRecord.Anchoring> a = r.anchoring();
        // a transaction not yet on the chain may still be replaced: its hash and block are not told
        boolean onChain = r.onChain();
        return new LotStory.Entry(
                r.id(),
                r.kind(),
                r.subject(),
                recordedAt(r),
                r.content(),
                r.leafFormat().code(),
                r.leaf().hex(),
                RecordCheck.of(r).state(),
                a.map(x -> x.root().hex()).orElse(null),
                a.map(x -> x.proof().stream().map(Bytes32::hex).toList()).orElse(List.of()),
                a.flatMap(StoredRecord.Anchoring::txHash).filter(x -> onChain).orElse(null),
                a.flatMap(StoredRecord.Anchoring::blockNumber)
                        .filter(x -> onChain)
                        .orElse(null),
                latest);
    }

    private String recordedAt(StoredRecord r) {
        try {
            JsonNode at = json.readTree(r.content()).path("recordedAt");
            if (at.isString()) return at.stringValue();
        } catch (RuntimeException e) {
            // not JSON any more: the envelope's time is told from the row
        }
        return r.createdAt().toString();
    }

    /** Records of one subject that are one history: a code's application and status changes, a certificate and its states. */
    private static String family(StoredRecord r) {
        String kind = r.kind();
        String family = kind.startsWith("code.") ? "code" : kind.startsWith(CERTIFICATE) ? CERTIFICATE : kind;
        return family + "\u0000" + r.subject();
    }

    private static List<StoredRecord> merged(List<StoredRecord> a, List<StoredRecord> b) {
        List<StoredRecord> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingLong(StoredRecord::id));
        return all;
    }

    static Optional<StoredRecord> latestOfKind(List<StoredRecord> list, String kind) {
        return list.stream().filter(r -> r.kind().equals(kind)).reduce((x, y) -> y);
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? Optional.of(v.asString()) : Optional.empty();
    }

    static Optional<LocalDate> date(JsonNode node, String field) {
        try {
            return text(node, field).map(LocalDate::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(v.asString());
        }
        return out;
    }

    // ---- where the tables differ from the latest records -------------------------------------

    private List<LotStory.Differ> differs(
            Map<String, List<StoredRecord>> found, Map<Long, String> certificateSubjects) {
        List<LotStory.Differ> out = new ArrayList<>();
        latestOfKind(found.get("product"), ProductRecords.KIND).ifPresent(r -> {
            JsonNode b = body(r);
            row("select name, crop, owner_id as owner from product where gtin = ?", r.subject())
                    .ifPresent(row -> {
                        for (String field : List.of("name", "crop", "owner")) {
                            compare(out, "product", r, field, text(b, field), row.get(field));
                        }
                    });
        });
        latestOfKind(found.get("cooperative"), OrganisationRecords.KIND)
                .ifPresent(r -> organisation(out, "cooperative", r));
        found.get("growingArea").stream().reduce((x, y) -> y).ifPresent(r -> {
            Optional<String> status = codeStatus(r);
            row("select status from growing_area_code where code = ?", r.subject())
                    .ifPresent(row -> compare(out, "growingArea", r, "status", status, row.get("status")));
        });
        List<StoredRecord> certificates = found.get("certificates");
        for (Map.Entry<Long, String> c : certificateSubjects.entrySet()) {
            List<StoredRecord> of = certificates.stream()
                    .filter(r -> r.subject().equals(c.getValue()) && r.kind().startsWith(CERTIFICATE))
                    .toList();
            Optional<Map<String, Object>> row = row(
                    "select valid_from::text as \"validFrom\", valid_to::text as \"validTo\", holder_id as holder,"
                            + " issuer_id as issuer, state from certificate where id = ?",
                    c.getKey());
            if (row.isEmpty()) continue;
            latestOfKind(of, CERTIFICATE).ifPresent(r -> {
                JsonNode b = body(r);
                for (String field : List.of("validFrom", "validTo", "holder", "issuer")) {
                    compare(
                            out,
                            "certificates",
                            r,
                            field,
                            text(b, field),
                            row.get().get(field));
                }
            });
            Optional<StoredRecord> lastState = latestOfKind(of, CERTIFICATE_STATE);
            Optional<StoredRecord> stateRecord = lastState.or(() -> latestOfKind(of, CERTIFICATE));
            stateRecord.ifPresent(r -> compare(
                    out,
                    "certificates",
                    r,
                    "state",
                    lastState.isPresent() ? text(body(r), "to") : Optional.of("ACTIVE"),
                    row.get().get("state")));
        }
        certificates.stream()
                .filter(r -> r.kind().equals(OrganisationRecords.KIND))
                .collect(java.util.stream.Collectors.toMap(
                        StoredRecord::subject, r -> r, (x, y) -> x.id() > y.id() ? x : y, LinkedHashMap::new))
                .values()
                .forEach(r -> organisation(out, "certificates", r));
        latestOfKind(found.get("harvest"), BATCH_KIND).ifPresent(r -> harvest(out, r));
        for (StoredRecord r : found.get("irrigation")) {
            JsonNode b = body(r);
            row(
                            "select period_from::text as \"from\", period_to::text as \"to\" from diary_entry where record_id = ?",
                            r.id())
                    .ifPresent(row -> {
                        compare(out, "irrigation", r, "from", text(b, "from"), row.get("from"));
                        compare(out, "irrigation", r, "to", text(b, "to"), row.get("to"));
                    });
        }
        for (StoredRecord r : found.get("journey")) {
            row("select body from epcis_event where record_id = ?", r.id()).ifPresent(row -> {
                String anchored = canonical(json.writeValueAsString(body(r)));
                String current = canonical((String) row.get("body"));
                if (!Objects.equals(anchored, current)) {
                    out.add(new LotStory.Differ("journey", r.id(), "event", anchored, current));
                }
            });
        }
        return List.copyOf(out);
    }

    private void organisation(List<LotStory.Differ> out, String section, StoredRecord r) {
        JsonNode b = body(r);
        row("select name, kind from organisation where id = ?", r.subject()).ifPresent(row -> {
            compare(out, section, r, "name", text(b, "name"), row.get("name"));
            compare(out, section, r, "kind", text(b, "kind"), row.get("kind"));
        });
    }

    private void harvest(List<LotStory.Differ> out, StoredRecord r) {
        JsonNode b = body(r);
        Optional<Map<String, Object>> found = row(
                "select id, code, organisation_id as organisation, harvest_date::text as \"harvestDate\", quantity_kg"
                        + " from batch where gtin = ? and lot = ?",
                text(b, "gtin").orElse(""),
                text(b, "lot").orElse(""));
        if (found.isEmpty()) return;
        Map<String, Object> row = found.get();
        for (String field : List.of("code", "organisation", "harvestDate")) {
            compare(out, "harvest", r, field, text(b, field), row.get(field));
        }
        Optional<BigDecimal> anchored = text(b, "quantityKg").flatMap(LotStories::decimal);
        BigDecimal current = (BigDecimal) row.get("quantity_kg");
        if (anchored.isEmpty() || current == null || anchored.get().compareTo(current) != 0) {
            out.add(new LotStory.Differ(
                    "harvest",
                    r.id(),
                    "quantityKg",
                    anchored.map(LotStories::plain).orElse(null),
                    current == null ? null : plain(current)));
        }
        long batchId = ((Number) row.get("id")).longValue();
        String plots = String.join(
                ",",
                jdbc.sql("select plot_id from batch_plot where batch_id = ? order by plot_id")
                        .param(batchId)
                        .query(String.class)
                        .list());
        compare(out, "harvest", r, "plots", Optional.of(String.join(",", sorted(texts(b.path("plots"))))), plots);
        String certificates = String.join(
                ",",
                jdbc.sql(
                                "select certificate_id::text from batch_certificate where batch_id = ? order by certificate_id")
                        .param(batchId)
                        .query(String.class)
                        .list());
        compare(
                out,
                "harvest",
                r,
                "certificates",
                Optional.of(String.join(
                        ",",
                        texts(b.path("certificates")).stream()
                                .sorted(Comparator.comparingLong(Long::parseLong))
                                .toList())),
                certificates);
    }

    /** The status a code's record leaves it in: APPLIED by its application, the target of a status change. */
    public Optional<String> codeStatus(StoredRecord r) {
        return r.kind().equals(CODE_APPLICATION) ? Optional.of("APPLIED") : text(body(r), "to");
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String canonical(String jsonText) {
        try {
            return CanonicalJson.canonicalize(jsonText);
        } catch (RuntimeException e) {
            return jsonText;
        }
    }

    private Optional<Map<String, Object>> row(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query().listOfRows().stream().findFirst();
    }

    private static void compare(
            List<LotStory.Differ> out,
            String section,
            StoredRecord r,
            String field,
            Optional<String> anchored,
            Object current) {
        String now = current == null ? null : current.toString();
        String then = anchored.orElse(null);
        if (!Objects.equals(then, now)) {
            out.add(new LotStory.Differ(section, r.id(), field, then, now));
        }
    }
}
