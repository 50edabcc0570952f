package vn.dongxanh.sim.cli;

import java.util.List;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.field.FieldParameters.Paddy;
import vn.dongxanh.sim.field.FieldParameters.Rain;
import vn.dongxanh.sim.field.FieldParameters.Soil;

/** The {@code --field key=value} settings: one key per number of {@link FieldParameters}. */
final class FieldKeys {
    /** Key, what it sets, and its default (for the help text). */
    record Key(String name, String meaning, double defaultValue) {}

    static List<Key> keys() {
        Paddy p = Paddy.defaults();
        Soil s = Soil.defaults();
        Rain r = Rain.defaults();
        return List.of(
                new Key("et", "paddy evapotranspiration, mm/day", p.etMmPerDay()),
                new Key("sp", "paddy seepage + percolation, mm/day", p.seepagePercolationMmPerDay()),
                new Key("porosity", "drainable porosity below the soil surface", p.drainablePorosity()),
                new Key("bund", "bund height, cm (water above overflows)", p.bundHeightCm()),
                new Key("floor", "lowest water level the tube shows, cm", p.floorCm()),
                new Key("initial-level", "paddy water level at start, cm", p.initialLevelCm()),
                new Key("initial-level-spread", "± random spread of the start level, cm", p.initialSpreadCm()),
                new Key("paddy-flow-per-ha", "paddy inlet flow, L/min per ha", p.valveFlowLpmPerHa()),
                new Key("soil-et", "vegetable evapotranspiration, mm/day", s.etMmPerDay()),
                new Key("root-depth", "root zone depth, mm", s.rootDepthMm()),
                new Key("fc", "field capacity, m3/m3", s.fieldCapacity()),
                new Key("wp", "wilting point, m3/m3", s.wiltingPoint()),
                new Key("sat", "saturation, m3/m3", s.saturation()),
                new Key("depletion", "FAO-56 p: ET falls beyond p x TAW", s.depletionFraction()),
                new Key("drainage", "share of water above FC draining per day", s.drainagePerDay()),
                new Key("initial-moisture", "soil moisture at start, m3/m3", s.initialMoisture()),
                new Key("initial-moisture-spread", "± random spread of the start moisture", s.initialSpread()),
                new Key("veg-flow-per-ha", "vegetable irrigation flow, L/min per ha", s.valveFlowLpmPerHa()),
                new Key("rain-per-day", "mean number of storms per day (0 = dry)", r.eventsPerDay()),
                new Key("rain-mm", "mean storm depth, mm", r.meanEventMm()),
                new Key("rain-hours", "mean storm duration, h", r.meanEventHours()));
    }

    static FieldParameters set(FieldParameters f, String key, double v) throws UsageException {
        Paddy p = f.paddy();
        Soil s = f.soil();
        Rain r = f.rain();
        try {
            return switch (key) {
                case "et" ->
                    f.withPaddy(new Paddy(
                            v,
                            p.seepagePercolationMmPerDay(),
                            p.drainablePorosity(),
                            p.bundHeightCm(),
                            p.floorCm(),
                            p.initialLevelCm(),
                            p.initialSpreadCm(),
                            p.valveFlowLpmPerHa()));
                case "sp" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            v,
                            p.drainablePorosity(),
                            p.bundHeightCm(),
                            p.floorCm(),
                            p.initialLevelCm(),
                            p.initialSpreadCm(),
                            p.valveFlowLpmPerHa()));
                case "porosity" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            p.seepagePercolationMmPerDay(),
                            v,
                            p.bundHeightCm(),
                            p.floorCm(),
                            p.initialLevelCm(),
                            p.initialSpreadCm(),
                            p.valveFlowLpmPerHa()));
                case "bund" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            p.seepagePercolationMmPerDay(),
                            p.drainablePorosity(),
                            v,
                            p.floorCm(),
                            p.initialLevelCm(),
                            p.initialSpreadCm(),
                            p.valveFlowLpmPerHa()));
                case "floor" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            p.seepagePercolationMmPerDay(),
                            p.drainablePorosity(),
                            p.bundHeightCm(),
                            v,
                            p.initialLevelCm(),
                            p.initialSpreadCm(),
                            p.valveFlowLpmPerHa()));
                case "initial-level" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            p.seepagePercolationMmPerDay(),
                            p.drainablePorosity(),
                            p.bundHeightCm(),
                            p.floorCm(),
                            v,
                            p.initialSpreadCm(),
                            p.valveFlowLpmPerHa()));
                case "initial-level-spread" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            p.seepagePercolationMmPerDay(),
                            p.drainablePorosity(),
                            p.bundHeightCm(),
                            p.floorCm(),
                            p.initialLevelCm(),
                            v,
                            p.valveFlowLpmPerHa()));
                case "paddy-flow-per-ha" ->
                    f.withPaddy(new Paddy(
                            p.etMmPerDay(),
                            p.seepagePercolationMmPerDay(),
                            p.drainablePorosity(),
                            p.bundHeightCm(),
                            p.floorCm(),
                            p.initialLevelCm(),
                            p.initialSpreadCm(),
                            v));
                case "soil-et" ->
                    f.withSoil(new Soil(
                            v,
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "root-depth" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            v,
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "fc" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            v,
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "wp" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            v,
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "sat" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            v,
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "depletion" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            v,
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "drainage" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            v,
                            s.initialMoisture(),
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "initial-moisture" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            v,
                            s.initialSpread(),
                            s.valveFlowLpmPerHa()));
                case "initial-moisture-spread" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            v,
                            s.valveFlowLpmPerHa()));
                case "veg-flow-per-ha" ->
                    f.withSoil(new Soil(
                            s.etMmPerDay(),
                            s.rootDepthMm(),
                            s.fieldCapacity(),
                            s.wiltingPoint(),
                            s.saturation(),
                            s.depletionFraction(),
                            s.drainagePerDay(),
                            s.initialMoisture(),
                            s.initialSpread(),
                            v));
                case "rain-per-day" -> f.withRain(new Rain(v, r.meanEventMm(), r.meanEventHours()));
                case "rain-mm" -> f.withRain(new Rain(r.eventsPerDay(), v, r.meanEventHours()));
                case "rain-hours" -> f.withRain(new Rain(r.eventsPerDay(), r.meanEventMm(), v));
                default ->
                    throw new UsageException("--field: unknown key '" + key + "'; known keys: "
                            + String.join(", ", keys().stream().map(Key::name).toList()));
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--field " + key + "=" + v + ": " + e.getMessage());
        }
    }

    private FieldKeys() {}
}
