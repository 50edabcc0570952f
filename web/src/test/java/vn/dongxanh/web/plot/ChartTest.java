package vn.dongxanh.web.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dongxanh.web.ingest.IngestApi;

class ChartTest {
    private static final Instant FROM = Instant.parse("2026-06-09T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-06-10T00:00:00Z");
    private static final PlotRange.Window DAY = new PlotRange.Window(
            PlotRange.DAY, FROM, TO, "1h", LocalDate.parse("2026-06-09"), LocalDate.parse("2026-06-10"));

    private static Instant at(int hour, int minute) {
        return FROM.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    private static IngestApi.Aggregate.Bucket bucket(int hour, double avg) {
        return new IngestApi.Aggregate.Bucket(at(hour, 0), avg, avg - 1, avg + 1);
    }

    private static PlotApi.Event event(String kind, int hour, int minute, long runS) {
        return new PlotApi.Event("e" + hour + minute, "v1", kind, "R", "", runS, at(hour, minute));
    }

    @Test
    void levelBucketsBecomeAlignedColumnsInEpochSecondsWithTheControlsThresholds() {
        var chart = Chart.of(
                DAY,
                "water_level",
                "cm",
                List.of(bucket(2, -3.0), bucket(1, -2.0)),
                new Chart.Control("AWD", "tillering", -15.0, 5.0),
                List.of(),
                List.of(),
                List.of());
        assertThat(chart.t()).containsExactly(at(1, 0).getEpochSecond(), at(2, 0).getEpochSecond());
        assertThat(chart.avg()).containsExactly(-2.0, -3.0);
        assertThat(chart.min()).containsExactly(-3.0, -4.0);
        assertThat(chart.alarm()).containsExactly(null, null);
        assertThat(chart.low()).isEqualTo(-15.0);
        assertThat(chart.high()).isEqualTo(5.0);
        assertThat(chart.control()).isEqualTo("AWD");
        assertThat(chart.from()).isEqualTo(FROM.getEpochSecond());
        assertThat(chart.to()).isEqualTo(TO.getEpochSecond());
        assertThat(chart.lowest()).isEqualTo(-4.0);
        assertThat(chart.highest()).isEqualTo(-1.0);
    }

    @Test
    void anUnknownControlHasNoThresholds() {
        var chart =
                Chart.of(DAY, "water_level", "cm", List.of(), Chart.Control.UNKNOWN, List.of(), List.of(), List.of());
        assertThat(chart.low()).isNull();
        assertThat(chart.high()).isNull();
        assertThat(chart.control()).isNull();
        assertThat(chart.lowest()).isNull();
    }

    @Test
    void rainIsASumPerBucketInTimeOrder() {
        var chart = Chart.of(
                DAY,
                "water_level",
                "cm",
                List.of(),
                Chart.Control.UNKNOWN,
                List.of(new PlotApi.Sum(at(5, 0), 2.5), new PlotApi.Sum(at(4, 0), 1.0)),
                List.of(),
                List.of());
        assertThat(chart.rainT()).containsExactly(at(4, 0).getEpochSecond(), at(5, 0).getEpochSecond());
        assertThat(chart.rainMm()).containsExactly(1.0, 2.5);
    }

    @Test
    void theValveIsOpenFromAStartUntilItsStopOrItsRunTimeOrTheRangesEnd() {
        var periods = Chart.valveOpen(
                DAY,
                List.of(
                        // a STOP whose START was before the range: nothing certain, nothing drawn
                        event("STOP", 0, 10, 0),
                        event("START", 3, 0, 3600),
                        event("SKIP", 3, 10, 0),
                        event("STOP", 3, 30, 0),
                        // its run time closes it before any STOP
                        event("START", 6, 0, 600),
                        event("STOP", 8, 0, 0),
                        // still open at the end of the range
                        event("START", 23, 0, 7200)));
        assertThat(periods)
                .containsExactly(
                        List.of(at(3, 0).getEpochSecond(), at(3, 30).getEpochSecond()),
                        List.of(at(6, 0).getEpochSecond(), at(6, 10).getEpochSecond()),
                        List.of(at(23, 0).getEpochSecond(), TO.getEpochSecond()));
    }

    @Test
    void alarmsAreMarkedAtTheReadingThatRaisedThemOrAtTheLevelThen() {
        var outOfBand = new PlotApi.Alarm(
                1,
                "OUT_OF_BAND",
                "RAISED",
                "low",
                at(2, 20),
                Map.of("metric", "water_level", "value", -16.5, "at", at(2, 15).toString()));
        var silent = new PlotApi.Alarm(2, "NO_DATA", "CLEARED", "silent", at(1, 40), Map.of("device", "wl"));
        var before = new PlotApi.Alarm(3, "NO_DATA", "CLEARED", "old", FROM.minusSeconds(60), Map.of());
        var chart = Chart.of(
                DAY,
                "water_level",
                "cm",
                List.of(bucket(1, -2.0), bucket(2, -3.0), bucket(3, -4.0)),
                Chart.Control.UNKNOWN,
                List.of(),
                List.of(),
                List.of(outOfBand, silent, before));
        assertThat(chart.alarms())
                .containsExactly(
                        new Chart.Marker(at(1, 40).getEpochSecond(), -2.0, "NO_DATA"),
                        new Chart.Marker(at(2, 15).getEpochSecond(), -16.5, "OUT_OF_BAND"));
        assertThat(chart.alarm()).containsExactly(-2.0, -16.5, null);
    }
}
