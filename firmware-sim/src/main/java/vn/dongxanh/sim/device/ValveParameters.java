package vn.dongxanh.sim.device;

import java.time.Duration;

/**
 * Device-side rules of a valve controller.
 *
 * @param maxRunTime OPEN commands with a longer run time are refused (DOMAIN §6: paddy inlet run
 *     time is capped at 240 min; the gateway applies the finer per-crop limits)
 * @param rememberedCommands how many recent command ids are kept to recognise duplicates
 */
public record ValveParameters(Duration maxRunTime, int rememberedCommands) {
    public ValveParameters {
        if (maxRunTime == null || maxRunTime.isNegative() || maxRunTime.isZero()) {
            throw new IllegalArgumentException("maximum valve run time must be > 0");
        }
        if (rememberedCommands < 1) throw new IllegalArgumentException("remembered commands must be ≥ 1");
    }

    public static ValveParameters defaults() {
        return new ValveParameters(Duration.ofMinutes(240), 1024);
    }
}
