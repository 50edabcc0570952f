package vn.dongxanh.contract.telemetry;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fixed metrics of the platform (DOMAIN.md §8). Each has one contract unit, in which values
 * are stored and compared, and the SenML units accepted on the wire with their conversion.
 * The codec converts at the edge of the system so nothing inside ever sees another unit.
 */
public enum Metric {
    /** Field water level, cm relative to the soil surface (negative = below). */
    WATER_LEVEL("water_level", Kind.NUMBER, "cm", Map.of("cm", 1.0, "m", 100.0, "mm", 0.1)),
    /** Volumetric soil water content, m³/m³ (0..1). */
    SOIL_MOISTURE("soil_moisture", Kind.NUMBER, "/", Map.of("/", 1.0, "/100", 0.01, "%", 0.01)),
    /** Rain accumulated since the previous record, mm. */
    RAIN("rain", Kind.NUMBER, "mm", Map.of("mm", 1.0, "m", 1000.0)),
    /** Water flow, L/min (no registered SenML unit: l/s or m3/s on the wire). */
    FLOW("flow", Kind.NUMBER, "l/s", Map.of("l/s", 60.0, "m3/s", 60_000.0)),
    /** Valve state: true = open. Stored as 1/0. */
    VALVE("valve", Kind.BOOLEAN, null, Map.of()),
    /** Pump state: true = running. Stored as 1/0. */
    PUMP("pump", Kind.BOOLEAN, null, Map.of()),
    /** Remaining battery energy, %. */
    BATTERY("battery", Kind.NUMBER, "%EL", Map.of("%EL", 1.0)),
    /**
     * Received signal strength of the device's radio at the gateway, dBm. {@code dBm} is an RFC 8798
     * secondary unit of {@code dBW}; dBW (an offset of 30, not a factor) is not taken.
     */
    RSSI("rssi", Kind.NUMBER, "dBm", Map.of("dBm", 1.0));

    public enum Kind {
        NUMBER,
        BOOLEAN
    }

    private static final Map<String, Metric> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Metric::wireName, Function.identity()));

    private final String wireName;
    private final Kind kind;
    private final String senmlUnit;
    private final Map<String, Double> toContractUnit;

    Metric(String wireName, Kind kind, String senmlUnit, Map<String, Double> toContractUnit) {
        this.wireName = wireName;
        this.kind = kind;
        this.senmlUnit = senmlUnit;
        this.toContractUnit = toContractUnit;
    }

    /** The metric's name in SenML records and in the series table, e.g. {@code water_level}. */
    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    /** The SenML unit we send, or null for booleans. */
    public String senmlUnit() {
        return senmlUnit;
    }

    /** The unit of stored values, as shown to people. */
    public String contractUnit() {
        return switch (this) {
            case WATER_LEVEL -> "cm";
            case SOIL_MOISTURE -> "m3/m3";
            case RAIN -> "mm";
            case FLOW -> "L/min";
            case VALVE, PUMP -> "bool";
            case BATTERY -> "%";
            case RSSI -> "dBm";
        };
    }

    /** Factor that turns a value in the given SenML unit into the contract unit, if accepted. */
    public Optional<Double> factorFrom(String unit) {
        return Optional.ofNullable(toContractUnit.get(unit));
    }

    /** The contract-unit value as sent in {@link #senmlUnit()}. */
    public double toSenml(double contractValue) {
        return kind == Kind.BOOLEAN ? contractValue : contractValue / toContractUnit.get(senmlUnit);
    }

    public static Optional<Metric> byWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
