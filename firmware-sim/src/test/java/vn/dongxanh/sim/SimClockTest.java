package vn.dongxanh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimClockTest {
    /** A wall clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void fieldTimeRunsSpeedTimesFasterWhileReadingsKeepWallTime() {
        var wall = new ManualClock(Instant.parse("2026-05-01T06:00:00.123456Z"));
        var clock = new SimClock(wall, 60);
        assertThat(clock.fieldNow()).isEqualTo(clock.start());

        wall.advance(Duration.ofMinutes(1));
        assertThat(clock.fieldNow()).isEqualTo(clock.start().plus(Duration.ofHours(1)));
        assertThat(clock.wallNow()).isEqualTo(Instant.parse("2026-05-01T06:01:00.123Z"));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(1));
        assertThat(clock.toReal(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(clock.toField(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> new SimClock(Clock.systemUTC(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimClock(Clock.systemUTC(), -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsParseWhatPeopleType() {
        assertThat(Durations.parse("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("4h")).isEqualTo(Duration.ofHours(4));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.format(Duration.ofMinutes(240))).isEqualTo("4h");
        assertThat(Durations.format(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
    }
}
