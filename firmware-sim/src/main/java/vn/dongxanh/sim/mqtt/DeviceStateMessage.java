package vn.dongxanh.sim.mqtt;

import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.sim.device.SimDevice;

/**
 * The retained JSON on {@code dx/v1/dev/{id}/state}:
 * {@code {"online":true,"at":"2026-…Z","dev":"p01-wl","plot":"p01","kind":"water_level"}}.
 * The last will is the same without {@code at} (the broker sends it at an unknown moment).
 */
public final class DeviceStateMessage {
    private DeviceStateMessage() {}

    public static byte[] online(SimDevice device, Instant at) {
        return encode(device, true, at);
    }

    /** Offline state; {@code at} null for the last will. */
    public static byte[] offline(SimDevice device, Instant at) {
        return encode(device, false, at);
    }

    private static byte[] encode(SimDevice device, boolean online, Instant at) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("online", online);
        if (at != null) o.put("at", at.toString());
        o.put("dev", device.id());
        o.put("plot", device.plotId());
        o.put("kind", device.kind().name().toLowerCase(Locale.ROOT));
        return Json.MAPPER.writeValueAsBytes(o);
    }
}
