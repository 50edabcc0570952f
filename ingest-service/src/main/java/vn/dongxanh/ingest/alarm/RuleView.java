package vn.dongxanh.ingest.alarm;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** An alarm rule as the API shows it; the same shape is accepted back by PUT. */
@Schema(description = "An alarm rule for one plot or a whole cooperative")
public record RuleView(
        long id,
        String name,

        @Schema(
                allowableValues = {
                    "OUT_OF_BAND",
                    "NO_DATA",
                    "VALVE_OPEN_TOO_LONG",
                    "LEAK",
                    "BATTERY_LOW",
                    "BACKLOG_GROWING"
                })
        String kind,

        @Schema(allowableValues = {"plot", "cooperative"}) String scope,

        String cooperative,

        @Schema(description = "the plot watched; null for a rule over the whole cooperative")
        String plot,

        boolean enabled,

        @Schema(
                description = "the numbers of its kind, defaults filled in: OUT_OF_BAND {metric, low, high, hysteresis,"
                        + " lowForS, highForS}; NO_DATA and VALVE_OPEN_TOO_LONG {durationS}; LEAK {threshold (L/min),"
                        + " hysteresis, durationS}; BATTERY_LOW {threshold (%), hysteresis}; BACKLOG_GROWING"
                        + " {thresholdS, hysteresisS, reports}")
        Map<String, Object> params,

        Instant createdAt,
        Instant updatedAt,

        @Schema(description = "when the evaluator last looked at it")
        Instant evaluatedAt) {

    static RuleView of(AlarmRule r) {
        return new RuleView(
                r.id(),
                r.name(),
                r.kind().name(),
                r.scope(),
                r.cooperativeId(),
                r.plotId(),
                r.enabled(),
                r.spec().params(),
                r.createdAt(),
                r.updatedAt(),
                r.evaluatedAt());
    }
}
