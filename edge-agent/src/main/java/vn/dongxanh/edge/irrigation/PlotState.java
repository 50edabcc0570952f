package vn.dongxanh.edge.irrigation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.edge.config.PlotSpec;

/** What the gateway knows of one plot. Touched only by the control thread. */
final class PlotState {
    enum Valve {
        /** Not yet read back (after a start): no automatic action until it is known. */
        UNKNOWN,
        CLOSED,
        OPENING,
        OPEN,
        CLOSING;

        boolean open() {
            return this == OPENING || this == OPEN;
        }
    }

    record ActiveOverride(GatewayRequest.Override.State state, Instant until) {}

    record RunningSchedule(String requestId, Instant endsAt) {}

    final PlotSpec spec;
    WaterPolicy policy;
    RainRules rainRules;
    Duration maxRunTime;
    final GoverningSensor sensor;
    final RainGauge rain;
    final Map<String, Double> latest = new TreeMap<>();
    /** When the gateway began to watch this plot. */
    final Instant watchedSince;

    Valve valve = Valve.UNKNOWN;
    Instant openedAt;
    Instant lastClosedAt;
    boolean pumpOn;
    ActiveOverride override;
    final List<GatewayRequest.Schedule> schedules = new ArrayList<>();
    RunningSchedule running;
    /** The last reason a Hold or Skip was reported, so repeated holds are not re-reported. */
    Decision.Reason lastReported;

    PlotState(
            PlotSpec spec,
            WaterPolicy policy,
            RainRules rainRules,
            Duration maxRunTime,
            GoverningSensor sensor,
            Instant watchedSince) {
        this.watchedSince = watchedSince;
        this.spec = spec;
        this.policy = policy;
        this.rainRules = rainRules;
        this.maxRunTime = maxRunTime;
        this.sensor = sensor;
        this.rain = new RainGauge(Duration.ofDays(2));
    }
}
