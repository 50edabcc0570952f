package vn.dongxanh.contract.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.dashboard.ControlKind;

/**
 * A decision of a gateway's irrigation control, with the readings behind it, sent up on the
 * gateway's {@code events} topic. Every start, stop, skip and safety action is one event.
 *
 * @param eventId unique per gateway (the cloud drops repeats)
 * @param valveId the valve acted on, or empty
 * @param reason a closed word of the control (e.g. BELOW_START_LEVEL, SENSOR_SILENT)
 * @param detail words for people
 * @param readings the values the decision looked at, by name (e.g. water_level → -15.2)
 * @param runTime for START: the longest the valve may stay open
 * @param control the control the decision was made under (kind, growth stage, levels), or null
 *     when the gateway does not send it (older gateways)
 */
public record IrrigationEvent(
        String eventId,
        String plotId,
        String valveId,
        Kind kind,
        String reason,
        String detail,
        Map<String, Double> readings,
        Duration runTime,
        Instant at,
        Control control) {

    /** An event without the control it was made under (as gateways before it sent them). */
    public IrrigationEvent(
            String eventId,
            String plotId,
            String valveId,
            Kind kind,
            String reason,
            String detail,
            Map<String, Double> readings,
            Duration runTime,
            Instant at) {
        this(eventId, plotId, valveId, kind, reason, detail, readings, runTime, at, null);
    }

    /**
     * What the plot's control works to, as the gateway sees it when deciding: the dashboard draws
     * the plot's value against it.
     *
     * @param stage the rice growth stage in force (e.g. tillering), null for vegetables or when no
     *     stage covers the day
     * @param low AWD: the level (cm) at which irrigation starts; moisture band: its lower edge (m³/m³);
     *     null when the stage has none (manual, drain)
     * @param high AWD: the level (cm) at which it stops; moisture band: its upper edge
     */
    public record Control(ControlKind kind, String stage, Double low, Double high) {
        public Control {
            Objects.requireNonNull(kind, "kind");
        }
    }

    public enum Kind {
        /** Irrigation started: the valve was ordered open. */
        START,
        /** Irrigation stopped: the valve was ordered closed. */
        STOP,
        /** Irrigation was due but not started (rain, minimum interval, supply limit…). */
        SKIP,
        /** Something needs people: a silent sensor, a valve that does not answer, a refused command. */
        ALARM
    }

    public IrrigationEvent {
        Objects.requireNonNull(eventId, "eventId");
        Ids.require("plot", plotId);
        valveId = valveId == null ? "" : valveId;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        readings = Map.copyOf(new TreeMap<>(readings == null ? Map.of() : readings));
        runTime = runTime == null ? Duration.ZERO : runTime;
        Objects.requireNonNull(at, "at");
    }
}
