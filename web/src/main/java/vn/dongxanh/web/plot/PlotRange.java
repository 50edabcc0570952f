package vn.dongxanh.web.plot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import vn.dongxanh.web.WebProperties;

/** The ranges a plot's page shows: the last day, the last week, the season so far. */
public enum PlotRange {
    DAY,
    WEEK,
    SEASON;

    /** Its name in links ({@code ?range=week}) and bundle keys. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The range a link asks for; none or an unknown one is the day. */
    static PlotRange of(String value) {
        if (value == null) return DAY;
        for (PlotRange r : values()) {
            if (r.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) return r;
        }
        return DAY;
    }

    /**
     * The time span and bucket width of this range up to {@code now}; the days are the local days
     * it touches (water used and the season summary are per day).
     */
    Window window(Instant now, ZoneId zone, WebProperties web, PlotProperties plot) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (this) {
            case DAY -> window(now.minus(web.chartWindow()), now, web.chartBucket(), zone);
            case WEEK -> window(now.minus(plot.weekWindow()), now, plot.weekBucket(), zone);
            case SEASON -> {
                LocalDate first = today.minus(plot.seasonLength()).plusDays(1);
                yield window(first.atStartOfDay(zone).toInstant(), now, plot.seasonBucket(), zone);
            }
        };
    }

    private Window window(Instant from, Instant to, String bucket, ZoneId zone) {
        return new Window(
                this,
                from,
                to,
                bucket,
                from.atZone(zone).toLocalDate(),
                to.atZone(zone).toLocalDate());
    }

    /** One range: {@code from} inclusive, {@code to} exclusive; {@code firstDay..lastDay} both included. */
    public record Window(
            PlotRange range, Instant from, Instant to, String bucket, LocalDate firstDay, LocalDate lastDay) {}
}
