package vn.dongxanh.contract.irrigation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import vn.dongxanh.contract.Json;

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
    private static final ObjectReader READER =
            Json.MAPPER.readerFor(SeasonSummary.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SeasonSummaryCodec() {}

    public static byte[] encode(SeasonSummary s) {
        return Json.MAPPER.writeValueAsBytes(s);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static SeasonSummary decode(byte[] json) {
        try {
            SeasonSummary s = READER.readValue(json);
            if (s == null) throw new IllegalArgumentException("season summary must be a JSON object");
            return s;
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new IllegalArgumentException("season summary is invalid: " + cause.getMessage(), e);
            }
            throw new IllegalArgumentException("season summary is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
