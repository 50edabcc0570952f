package vn.dongxanh.sim.device;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.sim.Durations;

/**
 * A fault injected into one device, from {@code after} (wall time since the simulation started)
 * for {@code lasting} (null: until the end). On the command line:
 * {@code kind:deviceId@after[+lasting][=magnitude]}, e.g. {@code silent:p01-wl@30s},
 * {@code stuck:p02-sm@1m+5m}, {@code spike:p01-wl@20s=12}, {@code jump:p01-wl@20s=-8},
 * {@code drop:p01-valve@10s+30s}.
 */
public record Fault(Type type, String deviceId, Duration after, Duration lasting, double magnitude) {
    public enum Type {
        /** The device stops reporting (its connection stays up). */
        SILENT,
        /** The device keeps reporting the value it measured when the fault began, without noise. */
        STUCK,
        /** One report's value is off by {@code magnitude}. */
        SPIKE,
        /** Every report is off by {@code magnitude} (a sensor that jumped or lost calibration). */
        JUMP,
        /** The connection breaks without a goodbye, so the broker publishes the last will. */
        DROP
    }

    public Fault {
        Objects.requireNonNull(type, "fault type");
        Ids.require("device", deviceId);
        if (after == null || after.isNegative()) throw new IllegalArgumentException("fault start must be ≥ 0");
        if (lasting != null && (lasting.isNegative() || lasting.isZero())) {
            throw new IllegalArgumentException("fault duration must be > 0");
        }
        if ((type == Type.SPIKE || type == Type.JUMP) && (magnitude == 0 || !Double.isFinite(magnitude))) {
            throw new IllegalArgumentException(type.name().toLowerCase(Locale.ROOT)
                    + " needs a non-zero magnitude in the metric's unit, e.g. spike:p01-wl@20s=12");
        }
    }

    /** Whether the fault holds {@code elapsed} after the start of the simulation. */
    public boolean activeAt(Duration elapsed) {
        if (elapsed.compareTo(after) < 0) return false;
        return lasting == null || elapsed.compareTo(after.plus(lasting)) < 0;
    }

    /** Parses {@code kind:deviceId@after[+lasting][=magnitude]}. */
    public static Fault parse(String spec) {
        String usage = "fault '" + spec + "' must look like kind:deviceId@after[+lasting][=magnitude]"
                + " with kind silent, stuck, spike, jump or drop, e.g. silent:p01-wl@30s";
        int colon = spec.indexOf(':');
        int at = spec.indexOf('@');
        if (colon <= 0 || at < colon + 2) throw new IllegalArgumentException(usage);
        Type type;
        try {
            type = Type.valueOf(spec.substring(0, colon).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(usage);
        }
        String device = spec.substring(colon + 1, at).trim();
        String rest = spec.substring(at + 1);
        double magnitude = 0;
        int eq = rest.indexOf('=');
        if (eq >= 0) {
            try {
                magnitude = Double.parseDouble(rest.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(usage + ": magnitude is not a number");
            }
            rest = rest.substring(0, eq);
        }
        Duration lasting = null;
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            lasting = Durations.parse(rest.substring(plus + 1));
            rest = rest.substring(0, plus);
        }
        return new Fault(type, device, Durations.parse(rest), lasting, magnitude);
    }
}
