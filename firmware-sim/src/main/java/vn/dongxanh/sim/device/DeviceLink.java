package vn.dongxanh.sim.device;

import java.util.List;
import vn.dongxanh.contract.telemetry.Reading;

/** How a device reaches its gateway: an MQTT client of its own, or a CoAP server. */
public interface DeviceLink extends AutoCloseable {
    /**
     * Sends one report without blocking. Readings that the other side acknowledges are recorded;
     * a report that cannot be sent (link down) is lost, as on a real device without a buffer.
     */
    void publish(List<Reading> readings);

    /** Loses the connection abruptly: no goodbye, so the broker announces the last will. */
    void drop();

    /** Comes back after {@link #drop()}. */
    void restore();

    /** Where the device can be reached or what it connects to, for logs. */
    String describe();

    /** Says goodbye (offline state) and releases the connection. */
    @Override
    void close();
}
