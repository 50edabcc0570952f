package vn.dongxanh.ingest.alarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An alarm as the API and the webhook show it. */
@Schema(description = "An alarm: raised by a rule for one device, plot or gateway, cleared later, kept as history")
public record AlarmView(
        long id,
        long ruleId,

        @Schema(description = "the rule's name when the alarm was raised")
        String ruleName,

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

        String cooperative,

        @Schema(description = "the plot concerned, null for a gateway or a device without plot")
        String plot,

        @Schema(allowableValues = {"DEVICE", "PLOT", "GATEWAY"})
        String subjectType,

        @Schema(description = "device, plot or gateway id") String subject,

        @Schema(description = "'low' or 'high' for OUT_OF_BAND, null otherwise")
        String facet,

        @Schema(allowableValues = {"RAISED", "CLEARED"}) String state,

        @Schema(description = "what was found when it was raised")
        String message,

        Instant raisedAt,

        @Schema(description = "the values that raised it") Map<String, Object> raisedValues,

        @Schema(description = "the worst values seen while it was raised")
        Map<String, Object> worstValues,

        Instant worstAt,

        @Schema(description = "the values at the last evaluation")
        Map<String, Object> lastValues,

        Instant lastEvaluatedAt,
        Instant clearedAt,

        @Schema(description = "the values that cleared it") Map<String, Object> clearedValues,

        @Schema(description = "why it cleared: back past the clear level, rule deleted or disabled, out of scope")
        String clearReason,

        @Schema(description = "when someone acknowledged it, null until then (it stays RAISED until it clears)")
        Instant acknowledgedAt,

        @Schema(description = "the token subject (an opaque user id, never a name) that acknowledged it")
        String acknowledgedBy,

        @Schema(description = "the note given with the acknowledgement")
        String acknowledgeNote,

        @Schema(description = "webhook deliveries of this alarm (only on GET /api/alarms/{id})")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<DeliveryView> deliveries) {

    AlarmView withDeliveries(List<DeliveryView> d) {
        return new AlarmView(
                id,
                ruleId,
                ruleName,
                kind,
                cooperative,
                plot,
                subjectType,
                subject,
                facet,
                state,
                message,
                raisedAt,
                raisedValues,
                worstValues,
                worstAt,
                lastValues,
                lastEvaluatedAt,
                clearedAt,
                clearedValues,
                clearReason,
                acknowledgedAt,
                acknowledgedBy,
                acknowledgeNote,
                d);
    }
}
