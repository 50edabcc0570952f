package vn.dongxanh.edge.irrigation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Everything one control decision looks at, captured at one instant.
 *
 * @param lastWateringEnded when the valve last closed, or null if never
 * @param rainSkip the rain rules say skip a new watering
 * @param rainStop the rain rules say stop a running watering
 */
public record PlotInputs(
        Instant now,
        LocalDate today,
        SensorHealth sensor,
        boolean valveOpen,
        Instant lastWateringEnded,
        boolean rainSkip,
        boolean rainStop) {}
