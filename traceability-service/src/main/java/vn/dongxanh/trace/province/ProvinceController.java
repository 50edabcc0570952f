package vn.dongxanh.trace.province;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.security.Access;

/** The province's figures for the department (docs/province-figures.md), as JSON, CSV and a PDF report. */
@RestController
class ProvinceController {
    private final ProvinceFigures figures;
    private final Access access;
    private final CodeRegister codes;
    private final FiguresReport report;

    ProvinceController(ProvinceFigures figures, Access access, CodeRegister codes, FiguresReport report) {
        this.report = report;
        this.codes = codes;
        this.figures = figures;
        this.access = access;
    }

    @GetMapping(value = "/api/province/figures", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The province's figures, counted now (the department)",
            description = "Codes by status and crop with their area, products certified by scheme and OCOP stars,"
                    + " findings by kind and severity, batches and tonnes harvested by month, hectares under"
                    + " automatic irrigation this season by cooperative; each with the query listing its rows where"
                    + " the API has one, or the rows themselves. 'unchecked' says what could not be counted now.")
    @ApiResponse(responseCode = "200", description = "the figures")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    public ProvinceFigures.Figures json(Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        return figures.now(codes.today());
    }

    @GetMapping(value = "/api/province/figures.csv", produces = "text/csv")
    @Operation(summary = "The same figures as one CSV table: section, key columns, count, amount, rows")
    @ApiResponse(responseCode = "200", description = "the figures, RFC 4180 CSV in UTF-8")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    public ResponseEntity<String> csv(Authentication auth) throws IOException {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        ProvinceFigures.Figures f = figures.now(codes.today());
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader("section", "key", "detail", "count", "amount", "unit", "rows")
                        .get())) {
            for (var c : f.codes()) {
                csv.printRecord(
                        "codes", c.status(), c.crop(), c.codes(), c.areaHa().toPlainString(), "ha", c.rows());
            }
            for (var p : f.certifiedProducts()) {
                csv.printRecord(
                        "certified-products",
                        p.scheme(),
                        p.stars() == null ? "" : p.stars() + " stars",
                        p.products(),
                        "",
                        "",
                        String.join(" ", p.gtins()));
            }
            for (var x : f.findings()) {
                csv.printRecord("findings", x.kind(), x.severity(), x.findings(), "", "", x.rows());
            }
            var irrigation = f.automaticIrrigation();
            for (var c : irrigation == null ? List.<ProvinceFigures.Cooperative>of() : irrigation.cooperatives()) {
                csv.printRecord(
                        "automatic-irrigation",
                        c.cooperative(),
                        irrigation.seasonFrom() + "/" + irrigation.seasonTo(),
                        c.plots(),
                        c.hectares().toPlainString(),
                        "ha",
                        String.join(" ", c.plotIds()));
            }
            for (var c : f.communes()) {
                csv.printRecord(
                        "communes",
                        c.commune() == null ? "" : c.commune(),
                        c.findings() + " findings",
                        c.issuedCodes(),
                        c.issuedAreaHa().toPlainString(),
                        "ha",
                        c.rows() == null ? "" : c.rows());
            }
            for (var x : f.seasons()) {
                csv.printRecord(
                        "seasons",
                        x.season(),
                        x.from() + "/" + x.to() + " " + x.codesIssued() + " codes issued, " + x.findings()
                                + " findings",
                        x.batches(),
                        x.tonnes().toPlainString(),
                        "t",
                        "");
            }
            for (var u : f.unchecked()) {
                csv.printRecord(
                        "unchecked",
                        u.kinds().stream().map(Enum::name).collect(Collectors.joining(" ")),
                        u.reason(),
                        "",
                        "",
                        "",
                        "");
            }
            for (var h : f.harvests()) {
                csv.printRecord(
                        "harvests", h.month(), "", h.batches(), h.tonnes().toPlainString(), "t", "");
            }
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"province-figures-" + f.asOf() + ".csv\"")
                .body(out.toString());
    }

    @GetMapping(value = "/api/province/figures.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(
            summary =
                    "The same figures as a printable PDF report: a table per section, what was not counted, the source")
    @ApiResponse(responseCode = "200", description = "the figures as a PDF")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    public ResponseEntity<byte[]> pdf(Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        ProvinceFigures.Figures f = figures.now(codes.today());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"province-figures-" + f.asOf() + ".pdf\"")
                .body(report.pdf(f));
    }
}
