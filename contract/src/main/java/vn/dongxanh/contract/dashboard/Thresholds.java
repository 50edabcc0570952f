package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The levels the gateway's control works between, in the unit of the plot's metric: for AWD the
 * start (low) and stop (high) water levels of the growth stage, for a moisture band its low and
 * high edges. Either may be null when the stage has none (e.g. a drain stage).
 */
@Schema(description = "AWD start/stop levels or moisture band edges, in the metric's unit")
public record Thresholds(Double low, Double high) {}
