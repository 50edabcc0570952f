package vn.dongxanh.web.trace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.signin.ServiceClients;

/**
 * traceability-service's API as the batch pages and the overview map use it, called with the signed-in user's access
 * token, like {@link vn.dongxanh.web.ingest.IngestApi}: the service decides what the user may do.
 * The records are this module's reading of its JSON (docs/security-traceability.md, docs/labels.md).
 */
@Component
public class TraceApi {
    private final RestClient http;
    /** For the import of legacy codes only: its report may take minutes. */
    private final RestClient slow;

    TraceApi(WebProperties web, ImportProperties imports, ServiceClients clients) {
        this.http = clients.asUser(web.traceUrl());
        this.slow = clients.asUser(web.traceUrl(), imports.importTimeout());
    }

    /** A plot as traceability-service registered it: its geometry is a GeoJSON Polygon or MultiPolygon. */
    public record TracePlot(String id, String name, Map<String, Object> geometry) {}

    /**
     * The user's cooperative's plots with their polygons: the service's list ({@code GET /api/plots}),
     * its pages read to the end (one call while the cooperative has no more plots than a page).
     */
    public List<TracePlot> plots() {
        var all = new ArrayList<TracePlot>();
        while (true) {
            int offset = all.size();
            ResponseEntity<TracePlot[]> page = http.get()
                    .uri(b -> b.path("/api/plots").queryParam("offset", offset).build())
                    .retrieve()
                    .toEntity(TracePlot[].class);
            TracePlot[] items = page.getBody();
            if (items == null || items.length == 0) return all;
            all.addAll(List.of(items));
            if (!hasNext(page.getHeaders())) return all;
        }
    }

    /** The URI with a query parameter for each filter that is not blank, its value encoded as a URI variable. */
    private static java.net.URI withFilters(org.springframework.web.util.UriBuilder b, Map<String, String> filters) {
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank()) b.queryParam(k, "{" + k + "}");
        });
        return b.build(filters);
    }

    /**
     * Whether a list's answer names a next page ({@code Link: <…>; rel="next"}, RFC 8288, as the
     * service's paged lists send it); the next page starts where this one ended.
     */
    public static boolean hasNext(HttpHeaders headers) {
        for (String header : headers.getOrEmpty(HttpHeaders.LINK)) {
            for (String link : header.split(",")) {
                String params = link.substring(link.indexOf('>') + 1).replace(" ", "");
                if (link.contains("<") && (params.contains(";rel=\"next\"") || params.contains(";rel=next"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A batch as the cooperative declares it: the body of creation and of the dry-run checks. */
    public record NewBatch(
            String gtin,
            String lot,
            String code,
            List<String> plotIds,
            LocalDate harvestDate,
            BigDecimal quantityKg,
            List<Long> certificateIds) {}

    public record Batch(
            long id,
            String gtin,
            String lot,
            String code,
            LocalDate harvestDate,
            BigDecimal quantityKg,
            List<String> plots,
            List<Long> certificates,
            boolean published) {}

    /** The dry run's answer: {@code passed} when creation would accept the batch as it stands. */
    public record Checks(boolean passed, List<Check> checks) {
        public record Check(String check, String rule, String subject, String outcome, String message) {
            public boolean passed() {
                return "PASS".equals(outcome);
            }

            public boolean failed() {
                return "FAIL".equals(outcome);
            }
        }
    }

    /** A label file as traceability-service answered it: its bytes, type and file name. */
    public record LabelFile(byte[] body, MediaType type, String disposition) {}

    public Checks checks(NewBatch batch) {
        return http.post()
                .uri("/api/batches/checks")
                .contentType(MediaType.APPLICATION_JSON)
                .body(batch)
                .retrieve()
                .body(Checks.class);
    }

    public Batch create(NewBatch batch) {
        return http.post()
                .uri("/api/batches")
                .contentType(MediaType.APPLICATION_JSON)
                .body(batch)
                .retrieve()
                .body(Batch.class);
    }

    /**
     * A page of the user's cooperative's batches, the newest harvest first, from {@code offset} on
     * (the service's page size); {@code more} when the service names a next page.
     */
    public record BatchPage(List<Batch> batches, int offset, boolean more) {
        /** Where the next page starts. */
        public int nextOffset() {
            return offset + batches.size();
        }
    }

    public BatchPage batches(int offset) {
        ResponseEntity<Batch[]> page = http.get()
                .uri(b -> b.path("/api/batches").queryParam("offset", offset).build())
                .retrieve()
                .toEntity(Batch[].class);
        List<Batch> items = page.getBody() == null ? List.of() : List.of(page.getBody());
        return new BatchPage(items, offset, !items.isEmpty() && hasNext(page.getHeaders()));
    }

    public Batch batch(long id) {
        return http.get().uri("/api/batches/{id}", id).retrieve().body(Batch.class);
    }

    /**
     * A batch's scans (docs/scan-signals.md): buyers' reads by day and coarse region, newest day
     * first, and the flags of a possibly cloned label.
     */
    public record Scans(long total, long units, String kgPerUnit, List<Day> days, List<Flag> flags) {
        public record Day(LocalDate day, String region, long scans) {
            /** The service's name for addresses in no configured region. */
            public boolean unknownRegion() {
                return "unknown".equals(region);
            }
        }

        public record Flag(long id, String kind, LocalDate day) {}
    }

    /** A code of the register as the list shows it (docs/register.md); dates absent are null. */
    public record Code(
            String code,
            String organisation,
            String organisationName,
            String crop,
            String commune,
            String status,
            BigDecimal areaHa,
            int plots,
            LocalDate issuedOn,
            LocalDate reviewDueOn,
            LocalDate certificateValidTo) {}

    /** A page of the register from {@code offset} on; {@code more} when the service names a next page. */
    public record CodePage(List<Code> codes, int offset, boolean more) {
        public int nextOffset() {
            return offset + codes.size();
        }
    }

    /** The register filtered ({@code filters}: the service's parameters, blank ones left out). */
    public CodePage codes(Map<String, String> filters, int offset) {
        ResponseEntity<Code[]> page = http.get()
                .uri(b -> withFilters(b.path("/api/codes").queryParam("offset", offset), filters))
                .retrieve()
                .toEntity(Code[].class);
        List<Code> items = page.getBody() == null ? List.of() : List.of(page.getBody());
        return new CodePage(items, offset, !items.isEmpty() && hasNext(page.getHeaders()));
    }

    /**
     * The audit's findings, computed by the service when asked (docs/findings.md); {@code
     * unchecked}: kinds it could not check now, with the reason.
     */
    public record Findings(Map<String, Long> counts, List<Finding> findings, List<Unchecked> unchecked) {
        public Findings {
            unchecked = unchecked == null ? List.of() : unchecked;
        }

        public record Finding(
                String kind,
                String severity,
                String code,
                String organisation,
                String subject,
                String summary,
                String state,
                Long inspection,
                java.time.Instant since) {
            /** The page of what the finding is about, on this web, or null when there is none. */
            public String href() {
                if (subject.startsWith("batch/")) return "/batches/" + subject.substring(6);
                if (code != null)
                    return "/register?q=" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8);
                return null;
            }
        }
    }

    /** Findings of a scope (blank filters left out: the province, or for a cooperative's user its own). */
    public Findings findings(Map<String, String> filters) {
        return http.get()
                .uri(b -> withFilters(b.path("/api/findings"), filters))
                .retrieve()
                .body(Findings.class);
    }

    /** A code as the register shows it: its history of status changes, newest last. */
    public record CodeView(
            String code,
            String organisation,
            String crop,
            String status,
            BigDecimal areaHa,
            List<String> plots,
            List<Change> history,
            List<Review> reviews,
            LocalDate reviewDueOn) {
        public CodeView {
            reviews = reviews == null ? List.of() : reviews;
        }

        /** One line of the code's history: a status change ({@code to}) or a review ({@code to} null). */
        public record Entry(LocalDate on, String to, String text) {}

        /** Status changes and reviews in date order (a change before a review of the same day). */
        public List<Entry> timeline() {
            var all = new ArrayList<Entry>();
            history.forEach(h -> all.add(new Entry(h.effectiveDate(), h.to(), h.reason())));
            reviews.forEach(r -> all.add(new Entry(r.reviewedOn(), null, r.notes())));
            all.sort(java.util.Comparator.comparing(Entry::on));
            return all;
        }

        public record Change(String from, String to, String reason, LocalDate effectiveDate, long recordId) {}

        /** A yearly review (docs/register.md). */
        public record Review(LocalDate reviewedOn, String notes, long recordId) {}
    }

    public CodeView code(String code) {
        return http.get().uri("/api/codes/{code}", code).retrieve().body(CodeView.class);
    }

    /** One plot with its polygon ({@code GET /api/plots/{id}}). */
    public TracePlot plot(String id) {
        return http.get().uri("/api/plots/{id}", id).retrieve().body(TracePlot.class);
    }

    /** A code's latest batches, drafts too, the newest harvest first (one page of the service's). */
    public List<Batch> codeBatches(String code) {
        Batch[] page =
                http.get().uri("/api/codes/{code}/batches", code).retrieve().body(Batch[].class);
        return page == null ? List.of() : List.of(page);
    }

    /** A certificate as a code's page shows it; {@code status} is the service's for today. */
    public record CodeCertificate(
            long id,
            String scheme,
            String number,
            Integer stars,
            LocalDate validFrom,
            LocalDate validTo,
            String status) {}

    /** The certificates covering a code: its holder's, for its crop or its plots. */
    public List<CodeCertificate> codeCertificates(String code) {
        CodeCertificate[] all = http.get()
                .uri("/api/codes/{code}/certificates", code)
                .retrieve()
                .body(CodeCertificate[].class);
        return all == null ? List.of() : List.of(all);
    }

    /** An inspection of a finding (docs/inspections.md). */
    public record Inspection(
            long id,
            String code,
            String findingKind,
            String findingSubject,
            int risk,
            LocalDate plannedFor,
            String state,
            LocalDate inspectedOn,
            String notes,
            boolean suspensionProposed,
            Long recordId,
            List<InspectionFile> files) {
        public Inspection {
            files = files == null ? List.of() : files;
        }
    }

    /** An open finding of a code in the inspection plan, riskiest first (docs/inspections.md). */
    public record Planned(int rank, int risk, Findings.Finding finding) {}

    /** The inspection plan: the open findings of codes, riskiest first. */
    public List<Planned> inspectionPlan() {
        Planned[] all = http.get().uri("/api/inspections/plan").retrieve().body(Planned[].class);
        return all == null ? List.of() : List.of(all);
    }

    /** A file or photo of an inspection (docs/inspections.md). */
    public record InspectionFile(long id, String name, String contentType, long size) {}

    public List<Inspection> inspections(String code) {
        Inspection[] all = http.get()
                .uri(b ->
                        b.path("/api/inspections").queryParam("code", "{code}").build(code))
                .retrieve()
                .body(Inspection[].class);
        return all == null ? List.of() : List.of(all);
    }

    public Inspection planInspection(String code, String kind, String subject, LocalDate plannedFor) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("code", code);
        body.put("findingKind", kind);
        body.put("findingSubject", subject);
        if (plannedFor != null) body.put("plannedFor", plannedFor.toString());
        return http.post()
                .uri("/api/inspections")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(Inspection.class);
    }

    /** What an inspection found, as the service takes it. */
    public record Outcome(
            LocalDate inspectedOn,
            String inspector,
            List<Check> checklist,
            String notes,
            String outcome,
            boolean proposeSuspension) {
        public record Check(String item, boolean passed) {}
    }

    /** Attaches a file to a planned inspection: the body as it is, its type, its name. */
    public InspectionFile attachInspectionFile(long id, String name, String contentType, byte[] bytes) {
        return http.post()
                .uri(b -> b.path("/api/inspections/{id}/files")
                        .queryParam("name", "{name}")
                        .build(id, name))
                .contentType(MediaType.parseMediaType(contentType))
                .body(bytes)
                .retrieve()
                .body(InspectionFile.class);
    }

    /** A file of an inspection, to hand on from this origin as the service sends it. */
    public LabelFile inspectionFile(long id, long file) {
        ResponseEntity<byte[]> answer = http.get()
                .uri("/api/inspections/{id}/files/{file}", id, file)
                .retrieve()
                .toEntity(byte[].class);
        return new LabelFile(
                answer.getBody(),
                answer.getHeaders().getContentType(),
                answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
    }

    public Inspection recordInspection(long id, Outcome outcome) {
        return http.post()
                .uri("/api/inspections/{id}/outcome", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(outcome)
                .retrieve()
                .body(Inspection.class);
    }

    /** The department's decision on a code's status, naming the inspection it rests on when there is one. */
    public CodeView changeStatus(String code, String status, String reason, LocalDate effective, Long inspection) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("status", status);
        body.put("reason", reason);
        if (effective != null) body.put("effectiveDate", effective.toString());
        if (inspection != null) body.put("evidence", List.of(Map.of("type", "inspection", "inspection", inspection)));
        return http.post()
                .uri("/api/codes/{code}/status", code)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(CodeView.class);
    }

    /** The department's yearly review of an issued code, naming the inspection it rests on when there is one. */
    public CodeView recordReview(String code, LocalDate reviewedOn, String notes, Long inspection) {
        var body = new java.util.LinkedHashMap<String, Object>();
        if (reviewedOn != null) body.put("reviewedOn", reviewedOn.toString());
        body.put("notes", notes);
        if (inspection != null) body.put("evidence", List.of(Map.of("type", "inspection", "inspection", inspection)));
        return http.post()
                .uri("/api/codes/{code}/reviews", code)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(CodeView.class);
    }

    /** The province's figures (docs/province-figures.md). */
    public record Figures(
            LocalDate asOf,
            List<Codes> codes,
            List<Certified> certifiedProducts,
            List<FindingCount> findings,
            List<Harvest> harvests,
            AutomaticIrrigation automaticIrrigation,
            List<Commune> communes,
            List<Season> seasons,
            List<Unchecked> unchecked) {
        public Figures {
            unchecked = unchecked == null ? List.of() : unchecked;
            communes = communes == null ? List.of() : communes;
            seasons = seasons == null ? List.of() : seasons;
        }

        public record Commune(String commune, long issuedCodes, BigDecimal issuedAreaHa, long findings) {}

        public record Season(
                String season,
                LocalDate from,
                LocalDate to,
                long batches,
                BigDecimal tonnes,
                long codesIssued,
                long findings) {}

        /** A season's tonnes as a share of the heaviest season's, 0–100, for its bar. */
        public double tonnesShare(Season s) {
            double most = seasons.stream()
                    .mapToDouble(x -> x.tonnes().doubleValue())
                    .max()
                    .orElse(0);
            return most <= 0 ? 0 : 100 * s.tonnes().doubleValue() / most;
        }

        public record Codes(String status, String crop, long codes, BigDecimal areaHa) {}

        public record AutomaticIrrigation(
                LocalDate seasonFrom,
                LocalDate seasonTo,
                BigDecimal hectares,
                long plots,
                List<Cooperative> cooperatives) {
            public record Cooperative(String cooperative, long plots, BigDecimal hectares, List<String> plotIds) {}
        }

        public record Certified(String scheme, Integer stars, long products) {}

        public record FindingCount(String kind, String severity, long findings) {}

        public record Harvest(String month, long batches, BigDecimal tonnes) {}
    }

    /** What the audit or the figures could not check now, and why. */
    public record Unchecked(List<String> kinds, String reason) {}

    public Figures figures() {
        return http.get().uri("/api/province/figures").retrieve().body(Figures.class);
    }

    /** The figures as the service's CSV, to hand on from this origin. */
    public byte[] figuresCsv() {
        return http.get().uri("/api/province/figures.csv").retrieve().body(byte[].class);
    }

    /** The register filtered, whole, as the service's CSV. */
    /** The service's report of an import of legacy codes (docs/register-import.md). */
    public record ImportReport(
            boolean dryRun,
            int rowsRead,
            int codesRead,
            int codesImported,
            List<String> imported,
            List<Refused> refused) {
        public record Refused(int line, String code, String column, String reason) {}
    }

    /** The department's spreadsheet of codes issued on paper, as CSV ({@code dryRun}: checked, nothing written). */
    public ImportReport importCodes(byte[] csv, boolean dryRun) {
        return slow.post()
                .uri(b ->
                        b.path("/api/codes/import").queryParam("dryRun", dryRun).build())
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv)
                .retrieve()
                .body(ImportReport.class);
    }

    public byte[] codesCsv(Map<String, String> filters) {
        return http.get()
                .uri(b -> withFilters(b.path("/api/codes.csv"), filters))
                .retrieve()
                .body(byte[].class);
    }

    /**
     * A PDF report of the service handed on from this origin: its bytes and its dated file name
     * (the service's Content-Disposition; {@code fallback} if it sent none).
     */
    public static ResponseEntity<byte[]> pdf(ResponseEntity<byte[]> answer, String fallback) {
        String disposition = answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        disposition != null ? disposition : "attachment; filename=\"" + fallback + "\"")
                .body(answer.getBody());
    }

    /** The figures as the service's PDF report, with its headers (its dated file name). */
    public ResponseEntity<byte[]> figuresPdf() {
        return http.get().uri("/api/province/figures.pdf").retrieve().toEntity(byte[].class);
    }

    /** The register filtered, whole, as the service's PDF report, with its headers (its dated file name). */
    public ResponseEntity<byte[]> codesPdf(Map<String, String> filters) {
        return http.get()
                .uri(b -> withFilters(b.path("/api/codes.pdf"), filters))
                .retrieve()
                .toEntity(byte[].class);
    }

    public Scans scans(long id) {
        return http.get().uri("/api/batches/{id}/scans", id).retrieve().body(Scans.class);
    }

    /** {@code labels.pdf}, {@code label.png} or {@code label.svg} of a batch, with the sheet's parameters. */
    public LabelFile label(long id, String file, Integer count, Integer columns, Integer rows, Integer skip) {
        ResponseEntity<byte[]> answer = http.get()
                .uri(b -> b.path("/api/batches/{id}/" + file)
                        .queryParamIfPresent("count", java.util.Optional.ofNullable(count))
                        .queryParamIfPresent("columns", java.util.Optional.ofNullable(columns))
                        .queryParamIfPresent("rows", java.util.Optional.ofNullable(rows))
                        .queryParamIfPresent("skip", java.util.Optional.ofNullable(skip))
                        .build(id))
                .retrieve()
                .toEntity(byte[].class);
        return new LabelFile(
                answer.getBody(),
                answer.getHeaders().getContentType(),
                answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
    }
}
