package vn.dongxanh.trace.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvincePropertiesTest {
    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void theLastSeasonsEndWithTheOneTodayFallsInAndFollowEachOtherWithoutGaps() {
        var seasons = new ProvinceProperties(null, null).lastSeasons(d("2026-12-05"));
        assertThat(seasons)
                .containsExactly(
                        new ProvinceProperties.Span("Hè Thu", d("2025-05-01"), d("2025-08-31")),
                        new ProvinceProperties.Span("Thu Đông", d("2025-09-01"), d("2025-11-30")),
                        new ProvinceProperties.Span("Đông Xuân", d("2025-12-01"), d("2026-04-30")),
                        new ProvinceProperties.Span("Hè Thu", d("2026-05-01"), d("2026-08-31")),
                        new ProvinceProperties.Span("Thu Đông", d("2026-09-01"), d("2026-11-30")),
                        new ProvinceProperties.Span("Đông Xuân", d("2026-12-01"), d("2027-04-30")));
        // on the last day of a season, that season is the last one
        assertThat(new ProvinceProperties(null, 1).lastSeasons(d("2026-11-30")))
                .containsExactly(new ProvinceProperties.Span("Thu Đông", d("2026-09-01"), d("2026-11-30")));
    }

    @Test
    void seasonsAreConfigurableAndCheckedWhenTheServiceStarts() {
        var two = new ProvinceProperties(
                List.of(
                        new ProvinceProperties.Season("mùa khô", "01-15"),
                        new ProvinceProperties.Season("mùa mưa", "07-15")),
                3);
        assertThat(two.lastSeasons(d("2026-03-01")))
                .extracting(ProvinceProperties.Span::name, ProvinceProperties.Span::from)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mùa khô", d("2025-01-15")),
                        org.assertj.core.groups.Tuple.tuple("mùa mưa", d("2025-07-15")),
                        org.assertj.core.groups.Tuple.tuple("mùa khô", d("2026-01-15")));
        assertThatThrownBy(() -> new ProvinceProperties.Season("x", "13-01")).hasMessageContaining("month-day");
        assertThatThrownBy(() -> new ProvinceProperties(
                        List.of(
                                new ProvinceProperties.Season("a", "05-01"),
                                new ProvinceProperties.Season("b", "05-01")),
                        null))
                .hasMessageContaining("same day");
        assertThatThrownBy(() -> new ProvinceProperties(null, 0)).hasMessageContaining("seasons-back");
    }
}
