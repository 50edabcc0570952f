package vn.dongxanh.contract.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import vn.dongxanh.contract.Ids;

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
        Instant at) {

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
