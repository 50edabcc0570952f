package vn.dongxanh.trace.growingarea;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.Paging;
import vn.dongxanh.trace.web.Refusal;

/**
 * The register of codes as a list (docs/register.md): the department lists, searches and filters
 * every code; a cooperative's users list their own cooperative's.
 */
@RestController
class RegisterController {
    private final CodeList list;
    private final CodeRegister codes;
    private final Access access;
    private final Paging paging;
    private final RegisterReport report;

    RegisterController(CodeList list, CodeRegister codes, Access access, Paging paging, RegisterReport report) {
        this.report = report;
        this.list = list;
        this.codes = codes;
        this.access = access;
        this.paging = paging;
    }

    @GetMapping("/api/codes")
    @Operation(
            summary = "The register: codes filtered, in code order, paged (the department; a cooperative: its own)",
            description =
                    "status (repeatable or comma separated), crop, cooperative, commune (as applications name it), q (part of the code or of the"
                            + " cooperative's name), certificateExpiringBy and reviewDueBy (ISO dates). A cooperative's user"
                            + " naming another cooperative is refused. A next page is linked in the Link header.")
    @ApiResponse(responseCode = "200", description = "the codes")
    @ApiResponse(responseCode = "400", description = "a filter that is not a status, a crop or a date, named")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(
            responseCode = "403",
            description = "neither the department nor a cooperative's user, or another cooperative named")
    public ResponseEntity<List<CodeList.Row>> codes(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String crop,
            @RequestParam(required = false) String cooperative,
            @RequestParam(required = false) String commune,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String certificateExpiringBy,
            @RequestParam(required = false) String reviewDueBy,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset,
            Authentication auth,
            HttpServletRequest request) {
        var filter = filter(status, crop, cooperative, commune, q, certificateExpiringBy, reviewDueBy, auth);
        Paging.Window w = paging.window(limit, offset);
        return paging.page(list.find(filter, codes.today(), w.probe(), w.offset()), w, request);
    }

    /** Rows of the CSV and PDF exports read at once: the whole register, a chunk at a time. */
    private static final int CSV_CHUNK = 1000;

    @GetMapping(value = "/api/codes.csv", produces = "text/csv")
    @Operation(
            summary = "The register filtered, whole, as CSV (the same filters and access as /api/codes)",
            description = "RFC 4180, UTF-8, a header row; every code the filters keep, in code order.")
    @ApiResponse(responseCode = "200", description = "the codes as CSV")
    @ApiResponse(responseCode = "400", description = "a filter that is not a status, a crop or a date, named")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(
            responseCode = "403",
            description = "neither the department nor a cooperative's user, or another cooperative named")
    public ResponseEntity<String> csv(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String crop,
            @RequestParam(required = false) String cooperative,
            @RequestParam(required = false) String commune,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String certificateExpiringBy,
            @RequestParam(required = false) String reviewDueBy,
            Authentication auth)
            throws java.io.IOException {
        var filter = filter(status, crop, cooperative, commune, q, certificateExpiringBy, reviewDueBy, auth);
        var out = new java.io.StringWriter();
        try (var csv = new org.apache.commons.csv.CSVPrinter(
                out,
                org.apache.commons.csv.CSVFormat.RFC4180
                        .builder()
                        .setHeader(
                                "code",
                                "cooperative",
                                "cooperativeName",
                                "crop",
                                "status",
                                "areaHa",
                                "plots",
                                "issuedOn",
                                "reviewDueOn",
                                "certificateValidTo")
                        .get())) {
            list.forEach(filter, codes.today(), CSV_CHUNK, r -> {
                try {
                    csv.printRecord(
                            r.code(),
                            r.organisation(),
                            r.organisationName(),
                            r.crop(),
                            r.status(),
                            r.areaHa().stripTrailingZeros().toPlainString(),
                            r.plots(),
                            text(r.issuedOn()),
                            text(r.reviewDueOn()),
                            text(r.certificateValidTo()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return ResponseEntity.ok()
                .contentType(
                        new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"register-" + codes.today() + ".csv\"")
                .body(out.toString());
    }

    @GetMapping(value = "/api/codes.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(
            summary =
                    "The register filtered, whole, as a printable PDF report (the same filters and access as /api/codes)",
            description = "A4 on its side: the province and the day, the filters applied, one row per code the filters"
                    + " keep in code order, the count and hectares, page numbers and the source on every page.")
    @ApiResponse(responseCode = "200", description = "the codes as a PDF")
    @ApiResponse(responseCode = "400", description = "a filter that is not a status, a crop or a date, named")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(
            responseCode = "403",
            description = "neither the department nor a cooperative's user, or another cooperative named")
    public ResponseEntity<byte[]> pdf(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String crop,
            @RequestParam(required = false) String cooperative,
            @RequestParam(required = false) String commune,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String certificateExpiringBy,
            @RequestParam(required = false) String reviewDueBy,
            Authentication auth) {
        var filter = filter(status, crop, cooperative, commune, q, certificateExpiringBy, reviewDueBy, auth);
        LocalDate today = codes.today();
        byte[] pdf = report.pdf(filter, today, each -> list.forEach(filter, today, CSV_CHUNK, each));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"register-" + today + ".pdf\"")
                .body(pdf);
    }

    private static String text(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private CodeList.Filter filter(
            List<String> status,
            String crop,
            String cooperative,
            String commune,
            String q,
            String certificateExpiringBy,
            String reviewDueBy,
            Authentication auth) {
        Optional<String> coop = access.cooperativeScope(auth, blank(cooperative));
        Optional<String> cropName = blank(crop);
        if (cropName.isPresent() && !cropName.get().matches("[a-z][a-z0-9_-]{0,62}")) {
            throw Refusal.field("crop", "'" + cropName.get() + "' is not a crop id");
        }
        return new CodeList.Filter(
                statuses(status),
                cropName,
                coop,
                Optional.ofNullable(CodeRegister.commune(commune)),
                blank(q),
                date("certificateExpiringBy", certificateExpiringBy),
                date("reviewDueBy", reviewDueBy));
    }

    private static List<CodeStatus> statuses(List<String> given) {
        List<CodeStatus> out = new ArrayList<>();
        if (given == null) return out;
        for (String part : given) {
            for (String s : part.split(",")) {
                if (s.isBlank()) continue;
                try {
                    out.add(CodeStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw Refusal.field(
                            "status",
                            "'" + s.strip() + "' is not a code status; one of " + List.of(CodeStatus.values()));
                }
            }
        }
        return out;
    }

    private static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw Refusal.field(name, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static Optional<String> blank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
