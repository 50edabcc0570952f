package vn.dongxanh.sim;

import java.util.Objects;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.sim.field.Crop;

/**
 * A simulated plot: {@code id:crop:area-ha[:valve-flow-l/min]} on the command line.
 *
 * @param valveFlowLpm flow of the plot's open valve, L/min; 0 means "from the field
 *     parameters' per-hectare default × area"
 */
public record PlotSpec(String id, Crop crop, double areaHa, double valveFlowLpm) {
    /** Longest device-id suffix ({@code -valve}); the plot id must leave room for it. */
    private static final int LONGEST_SUFFIX = "-valve".length();

    public PlotSpec {
        Ids.require("plot", id);
        if (id.length() + LONGEST_SUFFIX > 63) {
            throw new IllegalArgumentException("plot id '" + id + "' is too long: at most " + (63 - LONGEST_SUFFIX)
                    + " characters, so that device ids like " + id + "-valve stay valid");
        }
        Objects.requireNonNull(crop, "crop");
        if (!(areaHa > 0) || Double.isInfinite(areaHa)) {
            throw new IllegalArgumentException("plot " + id + ": area must be > 0 ha");
        }
        if (!(valveFlowLpm >= 0) || Double.isInfinite(valveFlowLpm)) {
            throw new IllegalArgumentException("plot " + id + ": valve flow must be ≥ 0 L/min");
        }
    }

    public PlotSpec(String id, Crop crop, double areaHa) {
        this(id, crop, areaHa, 0);
    }

    /** Parses {@code p01:rice:2.5} or {@code p01:rice:2.5:12000}. */
    public static PlotSpec parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("plot '" + text
                    + "' must be id:crop:area-ha or id:crop:area-ha:valve-flow-l/min, e.g. p01:rice:2.5");
        }
        double area = number(parts[2], "area of plot " + parts[0]);
        double flow = parts.length == 4 ? number(parts[3], "valve flow of plot " + parts[0]) : 0;
        return new PlotSpec(parts[0], Crop.parse(parts[1]), area, flow);
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'");
        }
    }
}
