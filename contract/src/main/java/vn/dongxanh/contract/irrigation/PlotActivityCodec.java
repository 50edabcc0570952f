package vn.dongxanh.contract.irrigation;

import vn.dongxanh.contract.JsonRecords;

/**
 * JSON of {@link PlotActivity}: the record's components by name, dates as ISO-8601 text:
 *
 * <pre>{"from":"2026-05-01","to":"2026-05-04","zone":"Asia/Ho_Chi_Minh","generatedAt":"…Z",
 *  "plots":[{"plot":"p01","cooperative":"htx-demo","sensors":1,"valves":1,
 *  "reported":"1111","irrigated":"0100","automatic":"0100"}]}</pre>
 *
 * Reading ignores fields it does not know, so the server may add one before every reader knows it.
 */
public final class PlotActivityCodec {
    private static final JsonRecords<PlotActivity> JSON = new JsonRecords<>(PlotActivity.class, "plot activity");

    private PlotActivityCodec() {}

    public static byte[] encode(PlotActivity a) {
        return JSON.encode(a);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static PlotActivity decode(byte[] json) {
        return JSON.decode(json);
    }
}
