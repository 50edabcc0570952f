package vn.dongxanh.contract;

import java.util.regex.Pattern;

/**
 * Identifiers of devices, gateways, cooperatives and plots. They travel inside MQTT topic
 * levels and SenML names, so they are restricted to characters that are safe in both: no
 * '/', '+', '#', ':' or spaces.
 */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private Ids() {}

    /** Returns {@code value} when it is a valid id, else throws naming the kind of id. */
    public static String require(String kind, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(kind + " id is missing");
        }
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " id '" + value
                    + "' is invalid: use 1-63 characters a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        return value;
    }

    public static boolean isValid(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
