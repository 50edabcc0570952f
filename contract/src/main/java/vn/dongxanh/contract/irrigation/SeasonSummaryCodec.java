package vn.dongxanh.contract.irrigation;

import vn.dongxanh.contract.JsonRecords;

/**
 * JSON of {@link SeasonSummary}: the record's components by name, dates as ISO-8601 text
 * ({@code "from":"2026-05-01"}, {@code "generatedAt":"2026-08-11T02:00:00Z"}), nulls written:
 *
 * <pre>{"plot":"p01","cooperative":"htx-demo","name":"…","crop":"rice","areaHa":1.5,
 *  "growingAreaCode":"VN-51-0041","from":"2026-05-01","to":"2026-08-10","zone":"Asia/Ho_Chi_Minh",
 *  "generatedAt":"…Z","days":102,"daysIrrigated":37,"water":{"m3":5210.4,"mm":347.4,"method":"flow_meter"},
 *  "events":{"start":41,"stop":41,"skip":9,"alarm":2},"alarms":2,
 *  "sensorCoverage":{"percent":97.2,"sensors":[{"device":"p01-wl","kind":"water_level",
 *  "reportingIntervalS":300,"expected":29376,"received":28610,"percent":97.2}]}}</pre>
 *
 * Reading ignores fields it does not know, so the server may add one before every reader knows it.
 */
public final class SeasonSummaryCodec {
    private static final JsonRecords<SeasonSummary> JSON = new JsonRecords<>(SeasonSummary.class, "season summary");

    private SeasonSummaryCodec() {}

    public static byte[] encode(SeasonSummary s) {
        return JSON.encode(s);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static SeasonSummary decode(byte[] json) {
        return JSON.decode(json);
    }
}
