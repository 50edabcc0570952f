package vn.dongxanh.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dongxanh.contract.telemetry.Metric.RAIN;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/** Gaps in a gateway's uplink sequence: recorded, shrunk, split and closed by late batches; resets. */
class SequenceGapTest extends IngestTestSupport {
    private static final Instant T =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    private TestHttp http;

    @BeforeEach
    void client() {
        http = manager(coop); // the gateways of this class publish for cooperative coop
    }

    /** Publishes one batch and waits until it is stored, so the order of arrival is the order given. */
    private void send(String gateway, long seq) throws Exception {
        double stored = messages("stored");
        publish(batch(gateway, seq, List.of(new Reading(gateway + "-rain", RAIN, T.plusMillis(seq % 100_000), 0.2))));
        awaitMessages("stored", stored + 1);
    }

    /** Open gaps as "from..to", oldest first. */
    private List<String> openGaps(String gateway) {
        TestHttp.Reply r = http.get("/api/gateways/" + gateway + "/gaps?open=true");
        assertThat(r.status()).isEqualTo(200);
        var out = new ArrayList<String>();
        for (JsonNode g : r.json()) {
            assertThat(g.get("kind").stringValue()).isEqualTo("GAP");
            assertThat(g.get("missing").longValue())
                    .isEqualTo(g.get("toSeq").longValue() - g.get("fromSeq").longValue() + 1);
            out.add(g.get("fromSeq").longValue() + ".." + g.get("toSeq").longValue());
        }
        out.sort(null);
        return out;
    }

    @Test
    void gapsAreRecordedThenShrunkSplitAndClosedByLateBatches() throws Exception {
        double gaps = count("dx.ingest.sequence.gaps", "kind", "gap");
        double missing = count("dx.ingest.sequence.missing");
        double recovered = count("dx.ingest.sequence.recovered");

        send("gw-g", 1);
        send("gw-g", 2);
        assertThat(openGaps("gw-g")).isEmpty();
        send("gw-g", 5);
        assertThat(openGaps("gw-g")).containsExactly("3..4");
        send("gw-g", 9);
        assertThat(openGaps("gw-g")).containsExactly("3..4", "6..8");
        assertThat(count("dx.ingest.sequence.gaps", "kind", "gap")).isEqualTo(gaps + 2);
        assertThat(count("dx.ingest.sequence.missing")).isEqualTo(missing + 5);

        send("gw-g", 3); // shrinks from the front
        assertThat(openGaps("gw-g")).containsExactly("4..4", "6..8");
        send("gw-g", 7); // splits
        assertThat(openGaps("gw-g")).containsExactly("4..4", "6..6", "8..8");
        send("gw-g", 4);
        send("gw-g", 8);
        assertThat(openGaps("gw-g")).containsExactly("6..6");
        send("gw-g", 6);
        assertThat(openGaps("gw-g")).isEmpty();
        assertThat(count("dx.ingest.sequence.recovered")).isEqualTo(recovered + 5);

        // closed gaps stay as history
        TestHttp.Reply all = http.get("/api/gateways/gw-g/gaps");
        assertThat(all.json()).isNotEmpty().allSatisfy(g -> {
            assertThat(g.get("closedAt").isNull()).isFalse();
            assertThat(g.get("missing").longValue()).isZero();
        });
        JsonNode gw = http.get("/api/gateways/gw-g").json();
        assertThat(gw.get("lastSeq").longValue()).isEqualTo(9);
        assertThat(gw.get("openGaps").longValue()).isZero();
        assertThat(gw.get("missingBatches").longValue()).isZero();
        // a duplicate of a sequence changes nothing
        double duplicate = messages("duplicate");
        publish(batch("gw-g", 5, List.of(new Reading("gw-g-rain", RAIN, T, 0.2))));
        awaitMessages("duplicate", duplicate + 1);
        assertThat(openGaps("gw-g")).isEmpty();
    }

    @Test
    void aNewOutboxIsASequenceResetNotAGap() throws Exception {
        double resets = count("dx.ingest.sequence.gaps", "kind", "reset");
        double gaps = count("dx.ingest.sequence.gaps", "kind", "gap");
        long epochMillis = Instant.now().toEpochMilli();

        send("gw-r", 41);
        send("gw-r", 42);
        send("gw-r", epochMillis); // the gateway's store was replaced: its new outbox starts at the epoch millisecond
        send("gw-r", epochMillis + 1);
        send("gw-r", epochMillis + 3);

        assertThat(count("dx.ingest.sequence.gaps", "kind", "reset")).isEqualTo(resets + 1);
        assertThat(count("dx.ingest.sequence.gaps", "kind", "gap")).isEqualTo(gaps + 1);
        TestHttp.Reply r = http.get("/api/gateways/gw-r/gaps");
        JsonNode rows = r.json();
        assertThat(rows).hasSize(2);
        JsonNode gap = rows.get(0);
        JsonNode reset = rows.get(1);
        assertThat(gap.get("kind").stringValue()).isEqualTo("GAP");
        assertThat(gap.get("fromSeq").longValue()).isEqualTo(epochMillis + 2);
        assertThat(gap.get("toSeq").longValue()).isEqualTo(epochMillis + 2);
        assertThat(reset.get("kind").stringValue()).isEqualTo("RESET");
        assertThat(reset.get("fromSeq").longValue()).isEqualTo(42);
        assertThat(reset.get("toSeq").longValue()).isEqualTo(epochMillis);
        assertThat(reset.get("missing").longValue()).isZero();
        assertThat(openGaps("gw-r")).containsExactly((epochMillis + 2) + ".." + (epochMillis + 2));
    }

    @Test
    void gapsOfAnUnknownGatewayAre404AndBadLimits400() throws Exception {
        assertThat(http.get("/api/gateways/gw-none/gaps").status()).isEqualTo(404);
        send("gw-l", 1);
        TestHttp.Reply r = http.get("/api/gateways/gw-l/gaps?limit=0");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").stringValue()).contains("limit must be between 1 and");
    }
}
