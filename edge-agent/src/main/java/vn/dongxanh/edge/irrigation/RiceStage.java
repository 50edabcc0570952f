package vn.dongxanh.edge.irrigation;

import java.util.Objects;

/**
 * A growth stage of rice, in days after sowing (DAS), with its water rule.
 *
 * @param startAtCm irrigate when the water level falls to this (cm vs soil surface)
 * @param stopAtCm stop when the water level reaches this
 */
public record RiceStage(String name, int fromDas, int toDas, WaterMode mode, double startAtCm, double stopAtCm) {
    public RiceStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (toDas < fromDas) {
            throw new IllegalArgumentException(
                    "stage " + name + ": to-das " + toDas + " is before from-das " + fromDas);
        }
        if ((mode == WaterMode.AWD || mode == WaterMode.FLOOD_HOLD) && stopAtCm <= startAtCm) {
            throw new IllegalArgumentException("stage " + name + ": stop level " + stopAtCm
                    + " cm must be above start level " + startAtCm + " cm");
        }
    }

    public boolean covers(int das) {
        return das >= fromDas && das <= toDas;
    }

    RiceStage shifted(int days) {
        return new RiceStage(name, fromDas + days, toDas + days, mode, startAtCm, stopAtCm);
    }
}
