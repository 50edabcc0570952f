package vn.dongxanh.contract.uplink;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * A batch of readings from one gateway to the cloud. {@code sequence} increases by one per
 * batch and never repeats for a gateway, across restarts, so the cloud can drop redelivered
 * batches and notice missing ones.
 */
public record UplinkBatch(
        String cooperativeId, String gatewayId, long sequence, Instant sentAt, List<Reading> readings) {
    public UplinkBatch {
        Ids.require("cooperative", cooperativeId);
        Ids.require("gateway", gatewayId);
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
        }
        Objects.requireNonNull(sentAt, "sentAt");
        readings = List.copyOf(readings);
    }
}
