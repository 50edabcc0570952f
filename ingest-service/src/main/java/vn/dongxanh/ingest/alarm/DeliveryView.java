package vn.dongxanh.ingest.alarm;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One webhook delivery of an alarm's raise or clear, with its attempts. */
@Schema(description = "A webhook delivery (outbox row) and how its attempts went")
public record DeliveryView(
        long id,

        @Schema(allowableValues = {"RAISED", "CLEARED"}) String event,

        @Schema(
                allowableValues = {"PENDING", "DELIVERED", "GAVE_UP"},
                description = "PENDING: not yet accepted by the receiver (retried with backoff)")
        String state,

        @Schema(description = "attempts made so far") int attempts,

        @Schema(description = "when the next attempt is due (PENDING only)")
        Instant nextAttemptAt,

        Instant lastAttemptAt,

        @Schema(description = "HTTP status of the last attempt, null if it got no answer")
        Integer lastStatus,

        @Schema(description = "what went wrong in the last failed attempt")
        String lastError,

        Instant createdAt,
        Instant deliveredAt) {}
