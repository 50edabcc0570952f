package vn.dongxanh.ingest.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.security.Access;
import vn.dongxanh.ingest.security.Caller;

/** {@code GET /api/audit}: the department reads all of it, a cooperative's manager its own organisation's. */
@RestController
@Tag(name = "audit", description = "Who changed what, append-only")
public class AuditController {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditLog audit;
    private final Clock clock;

    AuditController(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** The filter runs inside the security chain only, not a second time as a plain servlet filter. */
    @Bean
    static FilterRegistrationBean<AuditFilter> auditFilterOutsideSecurity(AuditFilter filter) {
        var r = new FilterRegistrationBean<>(filter);
        r.setEnabled(false);
        return r;
    }

    @GetMapping("/api/audit")
    @Operation(
            summary = "Audit log, newest first",
            description = "Writes and valve commands with who made them. The department sees everything; a"
                    + " cooperative's manager sees the rows of its organisation (made by its users, or concerning"
                    + " its cooperative). Page backwards with before = the smallest id of the previous page.")
    @ApiResponse(responseCode = "200", description = "one page of rows")
    @ApiResponse(responseCode = "400", description = "invalid time, id or limit, or from after to")
    public List<AuditEntry> list(
            @Parameter(description = "ISO-8601 instant, inclusive; default: the beginning")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(required = false)
                    String to,
            @Parameter(description = "only rows with a smaller id (the next page)") @RequestParam(required = false)
                    Long before,
            @Parameter(description = "department only: just this organisation's rows") @RequestParam(required = false)
                    String organisation,
            @Parameter(description = "rows per page; default 100, at most 1000") @RequestParam(required = false)
                    Integer limit) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : instant("to", to);
        Instant start = from == null ? Instant.EPOCH : instant("from", from);
        if (start.isAfter(end)) throw ApiException.badRequest("from (" + start + ") is after to (" + end + ")");
        if (before != null && before < 1) throw ApiException.badRequest("before must be a positive id");
        Caller caller = Access.caller();
        String org;
        if (caller.department()) {
            org = organisation == null ? null : Params.id("organisation", organisation);
        } else if (caller.has(PlatformRole.COOP_MANAGER)) {
            // another organisation's rows: none, as for lists everywhere (docs/security-ingest.md)
            if (organisation != null && !organisation.equals(caller.organisation())) return List.of();
            org = caller.organisation();
        } else {
            throw ApiException.forbidden("the audit log is for the department and cooperatives' managers");
        }
        return audit.page(
                org,
                start,
                end,
                before == null ? Long.MAX_VALUE : before,
                Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }
}
