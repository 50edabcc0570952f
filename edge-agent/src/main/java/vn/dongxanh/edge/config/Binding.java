package vn.dongxanh.edge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * YAML to configuration records: kebab-case keys, durations as people write them, unknown keys
 * refused, and every error turned into a {@link ConfigException} that names the field.
 */
final class Binding {
    static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // absent numbers are 0 and then refused by the records that need them
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()))
            .build();

    private Binding() {}

    static <T> T bind(JsonNode node, Class<T> type, String prefix) {
        try {
            return YAML.treeToValue(node, type);
        } catch (DatabindException e) {
            String field = prefix + path(e);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String problem = cause instanceof IllegalArgumentException || cause instanceof ConfigException
                    ? cause.getMessage()
                    : e.getOriginalMessage();
            throw new ConfigException(field.isEmpty() ? "(file)" : field, "is invalid", problem);
        } catch (JacksonException e) {
            throw new ConfigException(prefix.isEmpty() ? "(file)" : prefix, "is invalid", e.getOriginalMessage());
        }
    }

    private static String path(DatabindException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Deep merge: values of {@code override} replace those of {@code base}; objects merge, lists replace. */
    static ObjectNode merge(ObjectNode base, JsonNode override) {
        ObjectNode out = base.deepCopy();
        if (override == null || !override.isObject()) return out;
        for (var e : override.properties()) {
            JsonNode existing = out.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge((ObjectNode) existing, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static ObjectNode resource(String name) {
        try (InputStream in = Binding.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IllegalStateException(name + " missing from the agent's jar");
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class DurationText extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            return Durations.parse(p.currentName() == null ? "duration" : p.currentName(), p.getValueAsString());
        }
    }
}
