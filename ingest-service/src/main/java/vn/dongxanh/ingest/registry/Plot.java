package vn.dongxanh.ingest.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A plot (field) as the API shows it. */
@Schema(description = "A plot of a cooperative")
public record Plot(
        @Schema(description = "id, as the gateway's irrigation events name it", example = "p01")
        String id,

        @Schema(description = "cooperative id") String cooperative,
        String name,

        @Schema(description = "free text, optional", example = "rice")
        String crop,

        @Schema(description = "area in hectares, above 0") double areaHa,

        @Schema(
                description = "growing-area code (mã số vùng trồng) as plain text; the code and its status belong to"
                        + " traceability-service")
        String growingAreaCode,

        @Schema(
                description = "what the plot's valve delivers when open, L/min; water used falls back on it when the"
                        + " plot has no flow meter")
        Double valveFlowLpm,

        Instant createdAt,
        Instant updatedAt) {}
