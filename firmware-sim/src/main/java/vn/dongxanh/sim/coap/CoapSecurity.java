package vn.dongxanh.sim.coap;

import java.util.Map;
import java.util.Optional;
import vn.dongxanh.contract.psk.DevicePsk;

/**
 * How the simulated CoAP devices protect their resources: DTLS with one pre-shared key per
 * device (the default whenever keys are given), or plain CoAP, which must be asked for
 * explicitly ({@code --coap-insecure}), e.g. by old tests and benchmarks.
 *
 * @param dtls true for {@code coaps://} with the keys below
 * @param keys device id → its pre-shared key (empty when not DTLS)
 * @param source where the keys came from, named in errors (a file name)
 */
public record CoapSecurity(boolean dtls, Map<String, DevicePsk> keys, String source) {
    public CoapSecurity {
        keys = Map.copyOf(keys);
    }

    /** Plain CoAP over UDP: anyone who can reach a device may read it and move its valve. */
    public static CoapSecurity insecure() {
        return new CoapSecurity(false, Map.of(), "--coap-insecure");
    }

    /** DTLS with these keys; a device without one cannot be served. */
    public static CoapSecurity dtls(Map<String, DevicePsk> keys, String source) {
        return new CoapSecurity(true, keys, source);
    }

    /** The key of a device, or empty when the device has none (or when not DTLS). */
    public Optional<DevicePsk> keyOf(String deviceId) {
        return Optional.ofNullable(keys.get(deviceId));
    }

    @Override
    public String toString() {
        return dtls ? "DTLS PSK (" + keys.size() + " keys from " + source + ")" : "plain CoAP";
    }
}
