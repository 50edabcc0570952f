package vn.dongxanh.edge.config;

import java.time.LocalDate;
import vn.dongxanh.contract.Ids;

/**
 * One plot the gateway irrigates, and the devices on it. Rice is governed by its water-level
 * sensor, vegetables by soil moisture.
 *
 * @param cropGroup vegetables only: a group of {@code control.vegetable.groups} (leafy, cabbage…)
 * @param sowingDate rice: day of (direct) sowing; or give transplantingDate
 * @param varietyDays rice: duration of the variety; the reference duration if absent
 * @param valveFlowLpm what the plot's valve delivers when open, L/min
 * @param pump optional pump feeding the valve
 */
public record PlotSpec(
        String id,
        Crop crop,
        String cropGroup,
        double areaHa,
        LocalDate sowingDate,
        LocalDate transplantingDate,
        Integer varietyDays,
        String waterLevel,
        String soilMoisture,
        String rain,
        String flow,
        String valve,
        double valveFlowLpm,
        String pump) {

    public enum Crop {
        RICE,
        VEGETABLE
    }

    public PlotSpec {
        Ids.require("plot", id);
        if (crop == null) throw new IllegalArgumentException("crop is missing: write rice or vegetable");
        if (!(areaHa > 0)) throw new IllegalArgumentException("area-ha must be above 0");
        if (valve == null)
            throw new IllegalArgumentException("valve is missing: name the valve controller's device id");
        Ids.require("valve", valve);
        if (!(valveFlowLpm > 0)) throw new IllegalArgumentException("valve-flow-lpm must be above 0");
        if (crop == Crop.RICE) {
            if (waterLevel == null)
                throw new IllegalArgumentException("rice needs water-level: the water-level sensor's device id");
            Ids.require("water-level", waterLevel);
            if ((sowingDate == null) == (transplantingDate == null)) {
                throw new IllegalArgumentException("rice needs exactly one of sowing-date and transplanting-date");
            }
        } else {
            if (soilMoisture == null) {
                throw new IllegalArgumentException(
                        "vegetables need soil-moisture: the soil-moisture sensor's device id");
            }
            Ids.require("soil-moisture", soilMoisture);
            if (cropGroup == null)
                throw new IllegalArgumentException(
                        "vegetables need crop-group (leafy, cabbage, fruiting, allium, field)");
        }
        if (rain != null) Ids.require("rain", rain);
        if (flow != null) Ids.require("flow", flow);
        if (pump != null) Ids.require("pump", pump);
    }

    /** The device whose readings decide this plot's valve. */
    public String governingSensor() {
        return crop == Crop.RICE ? waterLevel : soilMoisture;
    }
}
