package vn.dongxanh.ingest.gateway;

import java.time.Instant;

/**
 * A message from (or about) a gateway in the batch being written.
 *
 * @param alive true when the message shows the gateway at work (telemetry, an event, an online
 *     state), which moves {@code last_seen}; false for its last will
 */
public record Sighting(String gatewayId, String cooperativeId, Instant at, boolean alive) {}
