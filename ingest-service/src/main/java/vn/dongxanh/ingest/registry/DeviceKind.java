package vn.dongxanh.ingest.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a registered device is. The first two are a plot's governing sensors (irrigation decides on them). */
public enum DeviceKind {
    WATER_LEVEL,
    SOIL_MOISTURE,
    RAIN_GAUGE,
    FLOW_METER,
    VALVE,
    PUMP;

    public static final String NAMES =
            Arrays.stream(values()).map(DeviceKind::wireName).collect(Collectors.joining(", "));

    /** Lower case, as in JSON and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean governing() {
        return this == WATER_LEVEL || this == SOIL_MOISTURE;
    }

    public static Optional<DeviceKind> byWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
}
