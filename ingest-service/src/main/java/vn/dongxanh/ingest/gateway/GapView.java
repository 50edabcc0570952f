package vn.dongxanh.ingest.gateway;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One row of {@code sequence_gap}. */
@Schema(description = "Batches a gateway skipped (GAP) or a new outbox (RESET)")
public record GapView(
        @Schema(description = "GAP or RESET") String kind,

        @Schema(description = "GAP: first missing sequence; RESET: last sequence of the old run")
        long fromSeq,

        @Schema(description = "GAP: last missing sequence; RESET: first sequence of the new run")
        long toSeq,

        @Schema(description = "batches still missing (0 for a closed gap and for a reset)")
        long missing,

        Instant detectedAt,

        @Schema(description = "when the last missing batch arrived (GAP) or when recorded (RESET); null while open")
        Instant closedAt) {}
