package vn.dongxanh.ingest.alarm;

import java.util.Map;

/**
 * What a check found for one subject of a rule.
 *
 * @param plotId the plot the subject belongs to, if any
 * @param level where the values stand against the rule's raise and clear levels
 * @param message one sentence for people, e.g. "water_level 12.5 cm ≥ 10 cm on device p01-wl"
 * @param values the numbers behind the finding, kept with the alarm
 * @param badness how far past the raise level (larger is worse); the worst seen is kept
 */
public record Finding(
        AlarmKey key, String plotId, Level level, String message, Map<String, Object> values, double badness) {

    /** Hysteresis in three levels: only RAISE opens an alarm, only CLEAR closes one, HOLD changes nothing. */
    public enum Level {
        /** Past the raise level (and for as long as the rule asks). */
        RAISE,
        /** Between the two levels, or not yet for long enough, or nothing to judge on. */
        HOLD,
        /** Back past the clear level. */
        CLEAR
    }
}
