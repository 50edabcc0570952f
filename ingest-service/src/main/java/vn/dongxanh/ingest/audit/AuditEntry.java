package vn.dongxanh.ingest.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One line of the audit log. */
@Schema(description = "A write or valve command, who made it and how it ended")
public record AuditEntry(
        long id,
        Instant at,

        @Schema(description = "the token's subject, or 'anonymous'")
        String subject,

        @Schema(description = "the organisation the caller acted for")
        String organisation,

        @Schema(description = "the caller's platform roles, comma-separated")
        String roles,

        @Schema(description = "method and path template", example = "POST /api/plots")
        String operation,

        @Schema(description = "path of the resource", example = "/api/plots/p01")
        String resource,

        @Schema(description = "cooperative the resource belongs to, when known")
        String cooperative,

        @Schema(description = "HTTP status of the answer") int status,

        @Schema(description = "SUCCEEDED, REFUSED, INVALID or FAILED")
        String outcome) {}
