package vn.dongxanh.ingest.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retention settings that would lose rollups before their raw data, or keep nothing, are refused. */
class RetentionPropertiesTest {
    private static RetentionProperties of(String raw, String hourly, String daily) {
        return new RetentionProperties(
                Duration.parse(raw), Duration.parse(hourly), Duration.parse(daily), Duration.ofHours(1));
    }

    @Test
    void rollupsMustOutliveWhatTheySummarise() {
        assertThat(of("P400D", "P1830D", "PT0S").daily()).isZero();
        assertThat(of("P400D", "PT0S", "PT0S").hourly()).isZero();
        assertThatThrownBy(() -> of("P400D", "P100D", "PT0S")).hasMessageContaining("retention.hourly");
        assertThatThrownBy(() -> of("P400D", "P500D", "P450D")).hasMessageContaining("retention.daily");
        assertThatThrownBy(() -> of("P400D", "PT0S", "P500D")).hasMessageContaining("retention.daily");
        assertThatThrownBy(() -> of("PT12H", "PT0S", "PT0S")).hasMessageContaining("at least 1d");
    }
}
