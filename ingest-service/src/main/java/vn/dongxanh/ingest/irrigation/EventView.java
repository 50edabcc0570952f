package vn.dongxanh.ingest.irrigation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** A stored irrigation event. */
@Schema(description = "An irrigation decision of a gateway, with the readings behind it")
public record EventView(
        @Schema(description = "event id, unique per gateway")
        String id,

        String gateway,
        String plot,

        @Schema(description = "valve acted on, empty if none")
        String valve,

        @Schema(allowableValues = {"START", "STOP", "SKIP", "ALARM"})
        String kind,

        @Schema(description = "a word of the gateway's control, e.g. BELOW_START_LEVEL, SENSOR_SILENT")
        String reason,

        String detail,

        @Schema(description = "the values the decision looked at, by name (null when not a finite number)")
        Map<String, Double> readings,

        @Schema(description = "START: longest the valve may stay open, seconds")
        long runS,

        @Schema(description = "gateway clock") Instant at,
        Instant receivedAt) {}
