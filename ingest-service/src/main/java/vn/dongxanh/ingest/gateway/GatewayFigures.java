package vn.dongxanh.ingest.gateway;

import java.time.Instant;

/**
 * What the gauges of one gateway show: its last reported state.
 *
 * @param stateReceivedAt when that report arrived; the backlog's age grows from there
 */
public record GatewayFigures(
        String gatewayId,
        Boolean online,
        Long backlogReadings,
        Long backlogBatches,
        Long backlogOldestS,
        Instant stateReceivedAt) {}
