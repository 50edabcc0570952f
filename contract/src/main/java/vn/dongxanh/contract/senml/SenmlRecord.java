package vn.dongxanh.contract.senml;

import java.util.Objects;
import java.util.Optional;

/**
 * A resolved SenML record (RFC 8428 §4.6): base values applied, name complete, time absolute.
 *
 * @param name full name (base name + name)
 * @param unit unit or null when the record has none
 * @param value the value; null only when the record carries a sum alone
 * @param sum the integrated sum, or null
 * @param time absolute time in seconds since the Unix epoch
 * @param timeGiven false when neither bt nor t was present ("roughly now" per the RFC)
 * @param index position of the record in its pack, or -1 when unknown. It can differ from the
 *     position in the resolved list, because records holding only base fields resolve to nothing.
 */
public record SenmlRecord(
        String name, String unit, SenmlValue value, Double sum, double time, boolean timeGiven, int index) {
    public SenmlRecord {
        Objects.requireNonNull(name, "name");
        if (value == null && sum == null) {
            throw new IllegalArgumentException("a SenML record needs a value or a sum");
        }
    }

    /** A record whose position in a pack is not known. */
    public SenmlRecord(String name, String unit, SenmlValue value, Double sum, double time, boolean timeGiven) {
        this(name, unit, value, sum, time, timeGiven, -1);
    }

    public Optional<String> unitIfAny() {
        return Optional.ofNullable(unit);
    }
}
