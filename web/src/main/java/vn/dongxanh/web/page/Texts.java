package vn.dongxanh.web.page;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * What a page says, in the reader's language: messages from the bundles
 * (messages_vi.properties, messages_en.properties) and numbers, times and ages in the reader's
 * locale. Templates get every word through here; a missing key fails loudly.
 */
public final class Texts {
    private final MessageSource messages;
    private final Locale locale;
    private final ZoneId zone;

    public Texts(MessageSource messages, Locale locale, ZoneId zone) {
        this.messages = messages;
        this.locale = locale;
        this.zone = zone;
    }

    public String get(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** Today in the platform's time zone (where "due" and "overdue" are decided). */
    public java.time.LocalDate today() {
        return java.time.LocalDate.now(zone);
    }

    public Locale locale() {
        return locale;
    }

    /** The language tag for {@code <html lang>}. */
    public String lang() {
        return locale.toLanguageTag();
    }

    public String number(double value, int fractionDigits) {
        var f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(fractionDigits);
        f.setMaximumFractionDigits(fractionDigits);
        return f.format(value);
    }

    public String percent(double fraction) {
        return NumberFormat.getPercentInstance(locale).format(fraction);
    }

    public String dateTime(Instant t) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone)
                .format(t);
    }

    /** A local day, e.g. "03/12/2026" or "12/3/26". */
    public String date(java.time.LocalDate d) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)
                .withLocale(locale)
                .format(d);
    }

    /**
     * A reading in its unit: water level in cm, soil moisture as a percentage (of m³/m³), rain in
     * mm, flow in L/min, battery in %, signal strength in dBm, valve and pump open or closed.
     */
    public String reading(String metric, double value) {
        return switch (metric) {
            case "water_level" -> get("unit.cm", number(value, 1));
            case "soil_moisture" -> percent(value);
            case "rain" -> get("unit.mm", number(value, 1));
            case "flow" -> get("unit.lpm", number(value, 0));
            case "battery" -> get("unit.percent", number(value, 0));
            case "rssi" -> get("unit.dbm", number(value, 0));
            case "valve", "pump" -> get(value > 0.5 ? "state.open" : "state.closed");
            default -> number(value, 2);
        };
    }

    /** How long ago, in the largest whole unit: "12 phút trước", "3 hours ago". */
    public String age(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        if (d.isNegative()) d = Duration.ZERO;
        if (d.toMinutes() < 1) return get("age.seconds", d.toSeconds());
        if (d.toHours() < 1) return get("age.minutes", d.toMinutes());
        if (d.toDays() < 2) return get("age.hours", d.toHours());
        return get("age.days", d.toDays());
    }
}
