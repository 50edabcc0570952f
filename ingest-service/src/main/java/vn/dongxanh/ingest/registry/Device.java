package vn.dongxanh.ingest.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A registered device, with its liveness as the cloud sees it. */
@Schema(description = "A registered field device")
public record Device(
        @Schema(description = "id, as in its SenML names", example = "p01-wl")
        String id,

        @Schema(description = "cooperative id") String cooperative,

        @Schema(description = "plot id, or null for a device serving no one plot")
        String plot,

        @Schema(description = "water_level, soil_moisture, rain_gauge, flow_meter, valve or pump")
        String kind,

        @Schema(description = "expected seconds between reports; null = the service default")
        Integer reportingIntervalS,

        @Schema(
                description = "the gateway it is behind (on whose field broker it talks), or null when not said;"
                        + " the brokers' credentials are made from it")
        String gateway,

        @Schema(description = "time of its newest stored reading, null if none yet")
        Instant lastReadingAt,

        @Schema(
                description = "true while its newest reading is younger than dx.ingest.registry.device-offline-after"
                        + " (the device's own state topic is on the field broker, out of the cloud's sight)")
        boolean online,

        Instant createdAt,
        Instant updatedAt) {}
