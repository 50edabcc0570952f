package vn.dongxanh.ingest.gateway;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A gateway as the API shows it. */
@Schema(description = "A gateway: when it was heard from, its uplink sequence and its last health report")
public record GatewayView(
        String id,
        String cooperative,

        @Schema(description = "from the retained state topic (last will = offline); null before any state arrived")
        Boolean online,

        @Schema(description = "first message from or about this gateway")
        Instant firstSeen,

        @Schema(description = "last telemetry, event or online state received")
        Instant lastSeen,

        @Schema(description = "highest uplink batch sequence stored")
        Long lastSeq,

        @Schema(description = "open sequence gaps") long openGaps,

        @Schema(description = "batches still missing in the open gaps")
        long missingBatches,

        @Schema(description = "the last state report; figures absent from it stay as previously reported")
        Health health) {

    /** The figures of the gateway's health report (edge-agent names in snake case, here camel case). */
    public record Health(
            @Schema(description = "'at' of the report, gateway clock")
            Instant at,

            @Schema(description = "when the report arrived") Instant receivedAt,
            Long uptimeS,

            @Schema(description = "readings waiting in the gateway's outbox")
            Long backlogReadings,

            Long backlogBatches,

            @Schema(description = "age of the oldest unsent reading when reported, seconds")
            Long backlogOldestS,

            String backlogError,
            Long batchesSent,
            Long readingsSent,
            Long devicesOnline,
            Long valvesOpen,
            Long readingsCompacted) {}
}
