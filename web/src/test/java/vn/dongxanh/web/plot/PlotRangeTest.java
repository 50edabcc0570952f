package vn.dongxanh.web.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.web.WebProperties;

class PlotRangeTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final WebProperties WEB = new WebProperties(
            null,
            null,
            ZONE,
            Duration.ofSeconds(5),
            List.of("vi"),
            Duration.ofHours(24),
            "15m",
            "",
            Duration.ofMinutes(30));
    private static final PlotProperties PLOT =
            new PlotProperties(Duration.ofDays(7), "1h", Period.ofDays(120), "1d", 200, 200);
    // 2026-06-10 08:30 in Ho Chi Minh City
    private static final Instant NOW = Instant.parse("2026-06-10T01:30:00Z");

    @Test
    void aLinksRangeIsReadLeniently() {
        assertThat(PlotRange.of(null)).isEqualTo(PlotRange.DAY);
        assertThat(PlotRange.of("week")).isEqualTo(PlotRange.WEEK);
        assertThat(PlotRange.of(" Season ")).isEqualTo(PlotRange.SEASON);
        assertThat(PlotRange.of("fortnight")).isEqualTo(PlotRange.DAY);
        assertThat(PlotRange.SEASON.wireName()).isEqualTo("season");
    }

    @Test
    void theDayIsTheChartWindowInItsBuckets() {
        var w = PlotRange.DAY.window(NOW, ZONE, WEB, PLOT);
        assertThat(w.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(w.to()).isEqualTo(NOW);
        assertThat(w.bucket()).isEqualTo("15m");
        assertThat(w.firstDay()).isEqualTo(LocalDate.parse("2026-06-09"));
        assertThat(w.lastDay()).isEqualTo(LocalDate.parse("2026-06-10"));
    }

    @Test
    void theWeekIsHourly() {
        var w = PlotRange.WEEK.window(NOW, ZONE, WEB, PLOT);
        assertThat(w.from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(w.bucket()).isEqualTo("1h");
        assertThat(w.firstDay()).isEqualTo(LocalDate.parse("2026-06-03"));
    }

    @Test
    void theSeasonIsTheConfiguredNumberOfWholeLocalDaysUpToTodayByTheDay() {
        var w = PlotRange.SEASON.window(NOW, ZONE, WEB, PLOT);
        assertThat(w.bucket()).isEqualTo("1d");
        assertThat(w.lastDay()).isEqualTo(LocalDate.parse("2026-06-10"));
        assertThat(w.firstDay()).isEqualTo(LocalDate.parse("2026-02-11"));
        assertThat(java.time.temporal.ChronoUnit.DAYS.between(w.firstDay(), w.lastDay()) + 1)
                .isEqualTo(120);
        // from local midnight, not UTC's
        assertThat(w.from()).isEqualTo(Instant.parse("2026-02-10T17:00:00Z"));
    }
}
