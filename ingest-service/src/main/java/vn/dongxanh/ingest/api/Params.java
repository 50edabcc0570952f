package vn.dongxanh.ingest.api;

import vn.dongxanh.contract.Ids;

/** Checks of path and query parameters shared by the controllers. */
public final class Params {
    private Params() {}

    /** The id, or a 400 naming the kind of id and the rule. */
    public static String id(String kind, String value) {
        if (!Ids.isValid(value)) {
            throw ApiException.badRequest(kind + " id '" + value
                    + "' is invalid: use 1-63 characters a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        return value;
    }

    /** A limit within 1..max, or {@code dflt} when absent. */
    public static int limit(Integer value, int dflt, int max) {
        int v = value == null ? dflt : value;
        if (v < 1 || v > max) throw ApiException.badRequest("limit must be between 1 and " + max + ", got " + v);
        return v;
    }
}
