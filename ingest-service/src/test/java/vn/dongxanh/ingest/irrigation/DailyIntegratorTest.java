package vn.dongxanh.ingest.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Trapezoids per local day: split at midnight on the line, clipped to the window. */
class DailyIntegratorTest {
    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate D1 = LocalDate.of(2026, 5, 1);
    private static final LocalDate D2 = D1.plusDays(1);

    private static Instant at(LocalDate d, int h, int m) {
        return d.atTime(h, m).atZone(HCM).toInstant();
    }

    @Test
    void aRampAcrossMidnightIsSplitWhereTheLineCrossesIt() {
        var i = new DailyIntegrator(HCM, at(D1, 0, 0), at(D2.plusDays(1), 0, 0));
        // 0 → 120 L/min over 23:58–00:02: 60 L/min at midnight
        i.linear(at(D1, 23, 58), 0, at(D2, 0, 2), 120);
        assertThat(i.total(D1)).isCloseTo(60, within(1e-9));
        assertThat(i.total(D2)).isCloseTo(180, within(1e-9));
    }

    @Test
    void theWindowClipsAndConstantsCount() {
        var i = new DailyIntegrator(HCM, at(D1, 6, 0), at(D1, 7, 0));
        i.constant(at(D1, 5, 0), at(D1, 6, 30), 10); // only 06:00–06:30 counts: 300
        i.constant(at(D1, 6, 50), at(D1, 8, 0), 1); // only 06:50–07:00: 10
        i.linear(at(D1, 6, 40), 5, at(D1, 6, 40), 5); // no duration, nothing
        assertThat(i.total(D1)).isCloseTo(310, within(1e-9));
        i.add(at(D1, 7, 0), 99); // the window's end is outside it
        assertThat(i.total(D1)).isCloseTo(310, within(1e-9));
    }
}
