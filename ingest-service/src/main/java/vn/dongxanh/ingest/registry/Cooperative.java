package vn.dongxanh.ingest.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A cooperative (HTX) as the API shows it. */
@Schema(description = "A cooperative (HTX)")
public record Cooperative(
        @Schema(description = "id, as in the gateway topics", example = "htx-an-phu")
        String id,

        @Schema(example = "HTX Nông nghiệp An Phú") String name,

        @Schema(description = "free text, optional", example = "Quảng Ngãi")
        String province,

        Instant createdAt,
        Instant updatedAt) {}
