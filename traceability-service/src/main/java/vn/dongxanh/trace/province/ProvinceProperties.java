package vn.dongxanh.trace.province;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The province figures' options ({@code dx.trace.province}, docs/province-figures.md).
 *
 * @param seasons the crop seasons of the year, each named and starting on a month-day ({@code
 *     12-01}); a season runs until the next one starts. Default, the rice seasons of central and
 *     southern Vietnam: Đông Xuân from 1 December, Hè Thu from 1 May, Thu Đông from 1 September
 * @param seasonsBack how many seasons the trends show, the current one included (default 6: two years)
 */
@ConfigurationProperties("dx.trace.province")
public record ProvinceProperties(List<Season> seasons, Integer seasonsBack) {
    public ProvinceProperties {
        seasons = seasons == null || seasons.isEmpty()
                ? List.of(
                        new Season("Đông Xuân", "12-01"),
                        new Season("Hè Thu", "05-01"),
                        new Season("Thu Đông", "09-01"))
                : List.copyOf(seasons);
        seasons = seasons.stream().sorted(Comparator.comparing(Season::start)).toList();
        seasonsBack = seasonsBack == null ? 6 : seasonsBack;
        if (seasonsBack < 1) throw new IllegalArgumentException("dx.trace.province.seasons-back must be at least 1");
        if (seasons.stream().map(Season::start).distinct().count() != seasons.size())
            throw new IllegalArgumentException("dx.trace.province.seasons: two seasons start on the same day");
    }

    /** A season of the year: its name and the month-day it starts ({@code MM-dd}). */
    public record Season(String name, String starts) {
        public Season {
            if (name == null || name.isBlank())
                throw new IllegalArgumentException("dx.trace.province.seasons: a season needs a name");
            try {
                MonthDay.parse("--" + starts);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException(
                        "dx.trace.province.seasons: '" + starts + "' is not a month-day such as 12-01");
            }
        }

        MonthDay start() {
            return MonthDay.parse("--" + starts);
        }
    }

    /** One season of one year: {@code from} to {@code to}, both included. */
    public record Span(String name, LocalDate from, LocalDate to) {}

    /** The last {@code seasonsBack} seasons up to the one {@code today} falls in, oldest first. */
    public List<Span> lastSeasons(LocalDate today) {
        // every season start from two years before the window to the next year, in date order
        List<LocalDate> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int years = seasonsBack / seasons.size() + 2;
        for (int y = today.getYear() - years; y <= today.getYear() + 1; y++) {
            for (Season s : seasons) {
                starts.add(s.start().atYear(y));
                names.add(s.name());
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i + 1 < starts.size(); i++) {
            if (starts.get(i).isAfter(today)) break;
            spans.add(new Span(names.get(i), starts.get(i), starts.get(i + 1).minusDays(1)));
        }
        return spans.subList(Math.max(0, spans.size() - seasonsBack), spans.size());
    }
}
