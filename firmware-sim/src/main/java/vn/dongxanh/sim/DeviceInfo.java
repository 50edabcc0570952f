package vn.dongxanh.sim;

import java.net.URI;
import vn.dongxanh.sim.device.DeviceKind;

/**
 * A running simulated device as other programs see it.
 *
 * @param coapUri for CoAP devices {@code coaps://127.0.0.1:port} ({@code coap://} with plain CoAP;
 *     resources {@code /telemetry},
 *     and {@code /valve} on valves); null for MQTT devices
 */
public record DeviceInfo(String deviceId, String plotId, DeviceKind kind, Transport transport, URI coapUri) {
    /** {@code coap(s)://host:port/telemetry}, or null for an MQTT device. */
    public URI coapTelemetryUri() {
        return coapUri == null ? null : coapUri.resolve("/telemetry");
    }
}
