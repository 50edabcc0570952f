package vn.dongxanh.ingest.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Bucket widths, their source, and alignment on local midnight. */
class BucketingTest {
    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void widthsPickTheirSource() {
        assertThat(new Bucketing(Bucketing.parse("1d"), HCM).source()).isEqualTo(Bucketing.Source.DAILY);
        assertThat(new Bucketing(Bucketing.parse("7d"), HCM).source()).isEqualTo(Bucketing.Source.DAILY);
        assertThat(new Bucketing(Bucketing.parse("1h"), HCM).source()).isEqualTo(Bucketing.Source.HOURLY);
        assertThat(new Bucketing(Bucketing.parse("PT6H"), HCM).source()).isEqualTo(Bucketing.Source.HOURLY);
        assertThat(new Bucketing(Bucketing.parse("15m"), HCM).source()).isEqualTo(Bucketing.Source.RAW);
        assertThat(new Bucketing(Bucketing.parse("30s"), HCM).source()).isEqualTo(Bucketing.Source.RAW);
        assertThatThrownBy(() -> new Bucketing(Duration.ofMinutes(7), HCM)).hasMessageContaining("dividing a day");
        assertThatThrownBy(() -> new Bucketing(Duration.ofHours(36), HCM)).hasMessageContaining("whole days");
        assertThatThrownBy(() -> Bucketing.parse("1w")).hasMessageContaining("15m, 1h, 1d");
    }

    @Test
    void bucketsStartOnLocalMidnight() {
        var day = new Bucketing(Duration.ofDays(1), HCM);
        // 2026-05-01 23:30 in Hồ Chí Minh City is 16:30 UTC; its day began at 17:00 UTC the day before
        Instant t = Instant.parse("2026-05-01T16:30:00Z");
        assertThat(day.start(t)).isEqualTo(Instant.parse("2026-04-30T17:00:00Z"));
        assertThat(day.next(day.start(t))).isEqualTo(Instant.parse("2026-05-01T17:00:00Z"));
        assertThat(day.end(Instant.parse("2026-05-01T17:00:00Z"))).isEqualTo(Instant.parse("2026-05-01T17:00:00Z"));
        var threeHours = new Bucketing(Duration.ofHours(3), HCM);
        // local 01:10 is in the 00:00–03:00 local bucket, which starts at 17:00 UTC
        assertThat(threeHours.start(Instant.parse("2026-05-01T18:10:00Z")))
                .isEqualTo(Instant.parse("2026-05-01T17:00:00Z"));
        // weeks run Monday to Sunday: 2026-05-03 is a Sunday, its week began Monday 2026-04-27
        var week = new Bucketing(Duration.ofDays(7), HCM);
        assertThat(week.start(Instant.parse("2026-05-03T10:00:00Z"))).isEqualTo(Instant.parse("2026-04-26T17:00:00Z"));
    }

    @Test
    void dayBucketsFollowTheCalendarAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        var day = new Bucketing(Duration.ofDays(1), berlin);
        // 2026-03-29 has 23 hours in Berlin
        Instant start = day.start(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(start).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(day.next(start)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }
}
