package vn.dongxanh.edge;

import java.util.List;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * The path of a reading through the gateway: a device adapter (MQTT subscription or CoAP
 * observation) decodes it and hands it to a sink; the outbox sink makes it durable and only
 * then calls {@code onDurable}, which is where the adapter acknowledges the device; the
 * forwarder later carries it to the cloud in a sequenced batch and deletes it once the cloud
 * broker has acknowledged that batch.
 */
public interface ReadingSink {
    /**
     * Accepts readings. {@code onDurable} runs once they are on disk; it is never run if they
     * could not be stored.
     */
    void accept(List<Reading> readings, Runnable onDurable);
}
