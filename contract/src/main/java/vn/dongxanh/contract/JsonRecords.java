package vn.dongxanh.contract;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * A record's JSON form as services exchange it: written with {@link Json#MAPPER}, read ignoring
 * fields the reader does not know (so a server may add one first), and every failure an {@link
 * IllegalArgumentException} that names the record and what is wrong with it, including what the
 * record's own constructor refused.
 */
public final class JsonRecords<T> {
    private final ObjectReader reader;
    private final String what;

    public JsonRecords(Class<T> type, String what) {
        this.reader = Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.what = what;
    }

    public byte[] encode(T value) {
        return Json.MAPPER.writeValueAsBytes(value);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public T decode(byte[] json) {
        try {
            T value = reader.readValue(json);
            if (value == null) throw new IllegalArgumentException(what + " must be a JSON object");
            return value;
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new IllegalArgumentException(what + " is invalid: " + cause.getMessage(), e);
            }
            throw new IllegalArgumentException(what + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
