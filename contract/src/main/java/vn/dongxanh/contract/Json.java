package vn.dongxanh.contract;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the contract: strict about duplicates, explicit about NaN. */
public final class Json {
    /**
     * NaN and Infinity literals are let through the parser on purpose, so that the codecs can
     * refuse them with a specific reason instead of a generic "not JSON". Decimals are written
     * plain (no exponent), so SenML numbers never carry the upper-case "E" RFC 8428 §5 forbids.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {}
}
