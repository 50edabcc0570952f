package vn.dongxanh.edge.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.dongxanh.edge.irrigation.PlausibilityLimits;
import vn.dongxanh.edge.irrigation.RainRules;
import vn.dongxanh.edge.irrigation.RiceStage;

/**
 * Settings of irrigation control. Defaults live in {@code irrigation-defaults.yaml} (from
 * DOMAIN.md §6); a configuration file overrides any of them under {@code control:}.
 */
public record ControlSettings(String timeZone, Rice rice, Vegetable vegetable, Supply supply, Commands commands) {

    public ControlSettings {
        try {
            java.time.ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "time-zone '" + timeZone + "' is not a zone id such as Asia/Ho_Chi_Minh");
        }
    }

    /** The zone in which crop calendars count days. */
    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    /**
     * The longest a plot's valve may stay open. Paddy: factor × (area × refill depth ÷ valve
     * flow), capped (DOMAIN.md §6); vegetables: the configured maximum.
     */
    public Duration maxRunTime(PlotSpec plot) {
        if (plot.crop() == PlotSpec.Crop.VEGETABLE) return vegetable.maxRunTime();
        double cubicMetres = plot.areaHa() * rice.refillDepthMm() * 10; // 1 mm over 1 ha = 10 m³
        double minutes = rice.runTimeFactor() * cubicMetres / (plot.valveFlowLpm() / 1000);
        Duration computed = Duration.ofSeconds(Math.round(minutes * 60));
        return computed.compareTo(rice.maxRunTime()) < 0 ? computed : rice.maxRunTime();
    }

    public record Rice(
            int referenceVarietyDays,
            int fixedStages,
            int nurseryDays,
            List<RiceStage> stages,
            double refillDepthMm,
            double runTimeFactor,
            Duration maxRunTime,
            RainRules rain,
            PlausibilityLimits plausible) {
        public Rice {
            stages = List.copyOf(stages);
            if (stages.isEmpty()) throw new IllegalArgumentException("rice needs at least one stage");
            if (fixedStages < 0 || fixedStages > stages.size()) {
                throw new IllegalArgumentException("fixed-stages must be between 0 and the number of stages");
            }
        }
    }

    public record Band(double start, double stop) {
        public Band {
            if (!(start >= 0 && stop > start && stop <= 1)) {
                throw new IllegalArgumentException(
                        "a moisture band needs 0 ≤ start < stop ≤ 1, got " + start + "…" + stop);
            }
        }
    }

    public record Vegetable(
            Map<String, Band> groups,
            Duration minInterval,
            Duration maxRunTime,
            RainRules rain,
            PlausibilityLimits plausible) {
        public Vegetable {
            groups = Map.copyOf(groups);
        }
    }

    public record Supply(int maxOpenValves) {
        public Supply {
            if (maxOpenValves < 1) throw new IllegalArgumentException("max-open-valves must be at least 1");
        }
    }

    public record Commands(Duration ackTimeout, int attempts, Duration deadline) {
        public Commands {
            if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        }
    }
}
