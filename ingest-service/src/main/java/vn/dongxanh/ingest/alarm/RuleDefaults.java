package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The numbers a rule gets when it is created without them (DOMAIN §6 where it has one, engineering
 * defaults otherwise; CONFIGURATION.md, ingest-service, "Alarms"). They are copied into the rule when it
 * is created: changing them later does not change existing rules.
 *
 * @param waterLevel band of {@code water_level}, cm relative to the soil surface
 * @param soilMoisture band of {@code soil_moisture}, volumetric fraction
 * @param noDataAfter a device silent this long raises NO_DATA
 * @param valveOpenMax a valve open this long raises VALVE_OPEN_TOO_LONG
 * @param leak flow while every valve is closed
 * @param battery battery level
 * @param backlog a gateway's unsent backlog
 */
@ConfigurationProperties("dx.ingest.alarms.defaults")
public record RuleDefaults(
        Band waterLevel,
        Band soilMoisture,
        Duration noDataAfter,
        Duration valveOpenMax,
        Leak leak,
        Battery battery,
        Backlog backlog) {

    public RuleDefaults {
        Objects.requireNonNull(waterLevel, "dx.ingest.alarms.defaults.water-level");
        Objects.requireNonNull(soilMoisture, "dx.ingest.alarms.defaults.soil-moisture");
        Objects.requireNonNull(noDataAfter, "dx.ingest.alarms.defaults.no-data-after");
        Objects.requireNonNull(valveOpenMax, "dx.ingest.alarms.defaults.valve-open-max");
        Objects.requireNonNull(leak, "dx.ingest.alarms.defaults.leak");
        Objects.requireNonNull(battery, "dx.ingest.alarms.defaults.battery");
        Objects.requireNonNull(backlog, "dx.ingest.alarms.defaults.backlog");
    }

    /**
     * A band: raised at or below {@code low} (held for {@code lowFor}) or at or above {@code high} (held
     * for {@code highFor}); cleared once the value is back inside by {@code hysteresis}.
     *
     * @param low null for no low alarm
     * @param high null for no high alarm
     */
    public record Band(Double low, Double high, double hysteresis, Duration lowFor, Duration highFor) {
        public Band {
            if (lowFor == null) lowFor = Duration.ZERO;
            if (highFor == null) highFor = Duration.ZERO;
        }
    }

    /**
     * @param thresholdLpm flow above this, L/min, with every valve closed
     * @param hysteresisLpm cleared when the flow falls this far below the threshold (or a valve opens)
     * @param duration for at least this long
     */
    public record Leak(double thresholdLpm, double hysteresisLpm, Duration duration) {}

    /**
     * @param thresholdPercent raised at or below this
     * @param hysteresisPercent cleared at or above threshold + this
     */
    public record Battery(double thresholdPercent, double hysteresisPercent) {}

    /**
     * @param threshold raised when the oldest unsent reading is at least this old
     * @param hysteresis cleared when it is younger than threshold − this (and no longer growing)
     * @param growingReports raised when it got older in this many state reports in a row
     */
    public record Backlog(Duration threshold, Duration hysteresis, int growingReports) {}
}
