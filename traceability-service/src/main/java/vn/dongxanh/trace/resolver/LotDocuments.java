package vn.dongxanh.trace.resolver;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.trace.certificate.CertificateProperties;
import vn.dongxanh.trace.organisation.OrganisationRecords;
import vn.dongxanh.trace.product.ProductRecords;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.story.LotStories;
import vn.dongxanh.trace.story.LotStory;

/**
 * The lot's facts ({@link LotDocument}, and the resolver's JSON-LD written from it) read from the
 * lot's story: the latest record of each section, never the tables. Statuses that depend on the
 * day (a certificate EXPIRING, the code's status on the harvest date) are computed here from the
 * records' dates.
 */
@Component
class LotDocuments {
    private final LotStories stories;
    private final JsonMapper json;
    private final CertificateProperties certificates;

    LotDocuments(LotStories stories, JsonMapper json, CertificateProperties certificates) {
        this.stories = stories;
        this.json = json;
        this.certificates = certificates;
    }

    /** The document, with each irrigation record's whole summary (the JSON-LD tells more of it). */
    record Built(LotDocument document, Map<Long, SeasonSummary> summaries) {}

    Built build(LotStories.Told told, String epc, LocalDate today) {
        LotStory story = told.story();
        Optional<LotStory.Entry> harvestRecord = latest(story.section("harvest"), "batch", null);
        JsonNode harvest = body(harvestRecord);
        JsonNode product = body(latest(story.section("product"), ProductRecords.KIND, null));
        Optional<LotStory.Entry> coopRecord = latest(story.section("cooperative"), OrganisationRecords.KIND, null);
        JsonNode coop = body(coopRecord);
        LocalDate harvestDate = date(harvest, "harvestDate");

        List<LotStory.Entry> code = story.section("growingArea").records();
        Optional<LotStory.Entry> codeNow = code.stream().reduce((x, y) -> y);
        String status = codeNow.flatMap(e -> status(told, e)).orElse(null);
        String statusOnHarvest = null;
        if (harvestDate != null) {
            // the last change in force on the harvest date, as the code's register decides
            statusOnHarvest = code.stream()
                    .filter(e -> effective(e) != null && !effective(e).isAfter(harvestDate))
                    .max(Comparator.comparing(this::effective).thenComparingLong(LotStory.Entry::id))
                    .flatMap(e -> status(told, e))
                    .orElse(null);
        }
        String codeId = text(harvest, "code")
                .or(() -> codeNow.map(LotStory.Entry::subject))
                .orElse(null);

        List<LotStory.Entry> certificateSection = story.section("certificates").records();
        List<LotDocument.CertificateFact> certificateFacts = new ArrayList<>();
        for (Map.Entry<Long, String> c : told.certificateSubjects().entrySet()) {
            Optional<LotStory.Entry> record = latest(certificateSection, "certificate", c.getValue());
            if (record.isEmpty()) continue;
            JsonNode b = body(record);
            String state = text(body(latest(certificateSection, "certificate.state", c.getValue())), "to")
                    .orElse("ACTIVE");
            LocalDate from = date(b, "validFrom");
            LocalDate to = date(b, "validTo");
            String issuer = text(b, "issuerName")
                    .or(() -> text(b, "issuer")
                            .flatMap(id -> text(body(latest(certificateSection, OrganisationRecords.KIND, id)), "name"))
                            .or(() -> text(b, "issuer")))
                    .orElse(null);
            certificateFacts.add(new LotDocument.CertificateFact(
                    c.getKey(),
                    text(b, "scheme").orElse(null),
                    text(b, "number").orElse(null),
                    from,
                    to,
                    statusOn(state, from, to, today),
                    issuer,
                    b.path("stars").isNumber() ? b.path("stars").intValue() : null));
        }

        List<LotDocument.Irrigation> irrigation = new ArrayList<>();
        Map<Long, SeasonSummary> summaries = new LinkedHashMap<>();
        for (LotStory.Entry e : story.section("irrigation").records()) {
            if (!e.latest()) continue;
            JsonNode b = stories.body(e.content());
            SeasonSummary s;
            try {
                s = SeasonSummaryCodec.decode(json.writeValueAsBytes(b.path("summary")));
            } catch (RuntimeException notASummary) {
                continue; // a content edited out of shape: its section says MISMATCH
            }
            summaries.put(e.id(), s);
            irrigation.add(new LotDocument.Irrigation(
                    text(b, "plot").orElse(s.plot()),
                    date(b, "from"),
                    date(b, "to"),
                    s.days(),
                    s.daysIrrigated(),
                    s.water().m3(),
                    s.water().mm(),
                    s.water().method(),
                    s.alarms(),
                    s.sensorCoverage().percent(),
                    e.id()));
        }

        LotDocument.LedgerRecord ledger = harvestRecord
                .map(e -> {
                    StoredRecord r = told.stored().get(e.id());
                    String state = e.state() == vn.dongxanh.trace.record.RecordCheck.State.MISMATCH
                            ? "MISMATCH"
                            : r.status().name();
                    return new LotDocument.LedgerRecord(e.id(), state, e.root(), e.txHash(), e.blockNumber());
                })
                .orElse(null);

        LotDocument document = new LotDocument(
                story.gtin(),
                story.lot(),
                story.digitalLink(),
                epc,
                new LotDocument.Product(
                        text(product, "name").orElse(null),
                        text(product, "crop").orElse(null)),
                harvestDate,
                text(harvest, "quantityKg").flatMap(LotDocuments::decimal).orElse(null),
                new LotDocument.Organisation(
                        text(coop, "id")
                                .or(() -> coopRecord.map(LotStory.Entry::subject))
                                .orElse(null),
                        text(coop, "name").orElse(null)),
                new LotDocument.GrowingArea(
                        codeId,
                        status,
                        statusOnHarvest,
                        harvest.path("plots").isArray() ? texts(harvest.path("plots")) : List.of()),
                List.copyOf(certificateFacts),
                List.copyOf(irrigation),
                ledger,
                today);
        return new Built(document, summaries);
    }

    /** A certificate's status on a day: SUSPENDED/WITHDRAWN win; else NOT_YET_VALID, VALID, EXPIRING or EXPIRED. */
    private String statusOn(String state, LocalDate from, LocalDate to, LocalDate day) {
        if (!state.equals("ACTIVE") || from == null || to == null) {
            return state;
        }
        if (day.isBefore(from)) return "NOT_YET_VALID";
        if (day.isAfter(to)) return "EXPIRED";
        return day.plusDays(certificates.expiringDays()).isAfter(to) ? "EXPIRING" : "VALID";
    }

    private Optional<String> status(LotStories.Told told, LotStory.Entry e) {
        StoredRecord r = told.stored().get(e.id());
        return r == null ? Optional.empty() : stories.codeStatus(r);
    }

    /** When a code's record took effect: its application date, or the status change's effective date. */
    private LocalDate effective(LotStory.Entry e) {
        JsonNode b = stories.body(e.content());
        return date(b, e.kind().equals("code.application") ? "applicationDate" : "effectiveDate");
    }

    /** The latest record of a kind in a section (of one subject, when given). */
    private static Optional<LotStory.Entry> latest(LotStory.Section section, String kind, String subject) {
        return latest(section.records(), kind, subject);
    }

    private static Optional<LotStory.Entry> latest(List<LotStory.Entry> records, String kind, String subject) {
        return records.stream()
                .filter(e ->
                        e.kind().equals(kind) && (subject == null || e.subject().equals(subject)))
                .max(Comparator.comparingLong(LotStory.Entry::id));
    }

    private JsonNode body(Optional<LotStory.Entry> e) {
        return e.map(x -> stories.body(x.content())).orElseGet(json::createObjectNode);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? Optional.of(v.asString()) : Optional.empty();
    }

    private static LocalDate date(JsonNode node, String field) {
        try {
            return text(node, field).map(LocalDate::parse).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) out.add(v.asString());
        return List.copyOf(out);
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
