package vn.dongxanh.contract.dashboard;

import com.fasterxml.jackson.annotation.JsonValue;

/** The value a plot is irrigated by: water level for rice, soil moisture for vegetables. */
public enum PlotMetric {
    WATER_LEVEL("water_level"),
    SOIL_MOISTURE("soil_moisture");

    private final String wireName;

    PlotMetric(String wireName) {
        this.wireName = wireName;
    }

    /** As in SenML and the series API, e.g. {@code water_level}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
