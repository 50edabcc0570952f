package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dongxanh.contract.telemetry.Metric.RAIN;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;

/**
 * A tiny queue (so a Receive Maximum of 3): the broker may only have 3 unacked messages out to
 * us. All 60 batches arriving therefore proves the manual acks reach the broker after each
 * commit, and that a full queue slows delivery instead of losing messages.
 */
class BackPressureTest extends IngestTestSupport {
    @DynamicPropertySource
    static void smallQueue(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.writer.queue-capacity", () -> "3");
        registry.add("dx.ingest.writer.max-batch-messages", () -> "2");
    }

    @Test
    void everyBatchArrivesThroughASmallWindow() throws Exception {
        int batches = 60;
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        double stored = messages("stored");
        for (int seq = 1; seq <= batches; seq++) {
            publish(batch("gw-q", seq, List.of(new Reading("q-rain", RAIN, base.plusSeconds(seq), seq * 0.5))));
        }
        awaitMessages("stored", stored + batches);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM reading r JOIN series s ON s.id = r.series_id WHERE s.device_id = 'q-rain'",
                        Integer.class))
                .isEqualTo(batches);
        assertThat(jdbc.queryForObject(
                        "SELECT sum(r.value) FROM reading r JOIN series s ON s.id = r.series_id"
                                + " WHERE s.device_id = 'q-rain'",
                        Double.class))
                .isEqualTo(batches * (batches + 1) / 2 * 0.5);
    }
}
