package vn.dongxanh.trace.growingarea;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;

/** The department's import of codes issued on paper before the register (docs/register-import.md). */
@RestController
class CodeImportController {
    private final CodeImport imports;
    private final Access access;

    CodeImportController(CodeImport imports, Access access) {
        this.imports = imports;
        this.access = access;
    }

    @PostMapping("/api/codes/import")
    @Operation(
            summary = "Legacy codes from the department's spreadsheet, as CSV (the department)",
            description = "RFC 4180, UTF-8, a header row naming the columns code, cooperative, crop, commune,"
                    + " issuedOn, plotId, plotName, geometry (a GeoJSON Polygon); one row per plot. Every row is"
                    + " checked; a code is imported whole, issued on its issuedOn, or not at all. dryRun=true"
                    + " checks and reports without writing anything.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv")))
    @ApiResponse(
            responseCode = "200",
            description = "the report: rows read, codes imported, every refused row with its line, column and reason")
    @ApiResponse(responseCode = "400", description = "not CSV, or a first line that does not name the columns")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    @ApiResponse(
            responseCode = "413",
            description = "more rows than dx.trace.register.import-max-rows, or a body over the request size limit")
    public CodeImport.Report importCodes(
            @RequestParam(defaultValue = "false") boolean dryRun, Authentication auth, HttpServletRequest request)
            throws IOException {
        Actor actor = access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        // read as UTF-8 whatever the content type says: the file is UTF-8 (RFC 4180 as the register exports it)
        try (var body = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            return imports.importCsv(actor, body, dryRun);
        }
    }
}
