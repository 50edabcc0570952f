package vn.dongxanh.ingest.irrigation;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Water used by a plot.
 *
 * @param maxGap two readings further apart than this are not integrated across (the time between
 *     is unmeasured), and a valve reading holds at most this long; default 15 min = 3 reporting
 *     intervals of 5 min, the silence after which DOMAIN §6 treats a sensor as silent
 * @param defaultValveFlowLpmPerHa valve flow per hectare assumed for a plot registered without
 *     {@code valveFlowLpm} (used only without a flow meter); 1500 L/min/ha is the simulator's
 *     vegetable irrigation rate, low for paddy inlets (8000): register the real valve flow
 * @param irrigatedDayMinM3 a day counts as irrigated in the season summary with a START event or at
 *     least this much water
 */
@ConfigurationProperties("dx.ingest.water")
public record WaterProperties(Duration maxGap, double defaultValveFlowLpmPerHa, double irrigatedDayMinM3) {
    public WaterProperties {
        Objects.requireNonNull(maxGap, "dx.ingest.water.max-gap");
        if (!maxGap.isPositive() || !(defaultValveFlowLpmPerHa > 0) || !(irrigatedDayMinM3 >= 0)) {
            throw new IllegalArgumentException("dx.ingest.water.max-gap and default-valve-flow-lpm-per-ha must be"
                    + " positive, irrigated-day-min-m3 not negative");
        }
    }
}
