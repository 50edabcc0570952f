package vn.dongxanh.edge.config;

import java.net.URI;
import java.util.Objects;
import vn.dongxanh.contract.psk.DevicePsk;

/**
 * A CoAP device the gateway observes: {@code coap://host:port/telemetry} in the clear, or
 * {@code coaps://host:port/telemetry} over DTLS with the device's pre-shared key, taken from the
 * credentials file ({@code coap-credentials}), never from the configuration itself.
 *
 * @param psk the device's key for {@code coaps://}; null for {@code coap://}
 */
public record CoapDevice(URI uri, DevicePsk psk) {
    public CoapDevice {
        Objects.requireNonNull(uri, "uri");
        if (secure(uri) != (psk != null)) {
            throw new IllegalArgumentException("a coaps:// device needs its key and a coap:// device has none: " + uri);
        }
    }

    /** A device without DTLS. */
    public static CoapDevice plain(URI uri) {
        return new CoapDevice(uri, null);
    }

    public boolean secure() {
        return psk != null;
    }

    static boolean secure(URI uri) {
        return "coaps".equals(uri.getScheme());
    }
}
