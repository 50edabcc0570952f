package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;

/**
 * An alarm raised, acknowledged or cleared: the payload of the stream's {@code alarm} event.
 *
 * @param plotId the plot concerned, null for a gateway or a device without plot
 * @param subject the device, plot or gateway id the alarm is about
 * @param acknowledgedAt null until someone acknowledged it
 * @param acknowledgedBy the token subject of who acknowledged it (an opaque id, never a name)
 */
@Schema(description = "An alarm raised, acknowledged or cleared")
public record AlarmChange(
        long alarmId,
        String plotId,
        String subject,
        AlarmKind kind,
        AlarmState state,
        Instant raisedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant clearedAt,
        String message)
        implements DashboardEvent {

    public AlarmChange {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(raisedAt, "raisedAt");
        message = message == null ? "" : message;
    }
}
