package vn.dongxanh.edge.config;

/** Invalid configuration: names the field, what is wrong and how to fix it. */
public final class ConfigException extends RuntimeException {
    private final String field;

    public ConfigException(String field, String problem, String fix) {
        super("configuration field '" + field + "' " + problem + ": " + fix);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
