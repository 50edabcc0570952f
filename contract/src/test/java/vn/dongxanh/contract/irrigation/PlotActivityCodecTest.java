package vn.dongxanh.contract.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotActivityCodecTest {
    private static final LocalDate MAY_1 = LocalDate.parse("2026-05-01");

    static PlotActivity sample() {
        return new PlotActivity(
                MAY_1,
                LocalDate.parse("2026-05-06"),
                "Asia/Ho_Chi_Minh",
                Instant.parse("2026-05-07T02:00:00Z"),
                List.of(
                        new PlotActivity.Plot("p01", "htx-demo", 2, 1, "011110", "001100", "001000"),
                        new PlotActivity.Plot("p02", "htx-demo", 0, 0, "000000", "000000", "000000")));
    }

    @Test
    void roundTripsInTheDocumentedShape() {
        var a = sample();
        assertThat(PlotActivityCodec.decode(PlotActivityCodec.encode(a))).isEqualTo(a);
        assertThat(new String(PlotActivityCodec.encode(a), StandardCharsets.UTF_8))
                .startsWith("{\"from\":\"2026-05-01\",\"to\":\"2026-05-06\",\"zone\":\"Asia/Ho_Chi_Minh\",")
                .contains("{\"plot\":\"p01\",\"cooperative\":\"htx-demo\",\"sensors\":2,\"valves\":1,"
                        + "\"reported\":\"011110\",\"irrigated\":\"001100\",\"automatic\":\"001000\"}")
                .doesNotContain("\"days\"");
    }

    @Test
    void countsTheDaysOfAWindowClippedToTheRange() {
        var a = sample();
        var p = a.plots().getFirst();
        assertThat(a.between(p, MAY_1, MAY_1.plusDays(5))).isEqualTo(new PlotActivity.Days(6, 4, 2, 1));
        assertThat(a.between(p, MAY_1.plusDays(3), MAY_1.plusDays(30))).isEqualTo(new PlotActivity.Days(3, 2, 1, 0));
        assertThat(a.between(p, MAY_1.minusDays(10), MAY_1)).isEqualTo(new PlotActivity.Days(1, 0, 0, 0));
        assertThat(a.between(p, MAY_1.plusDays(7), MAY_1.plusDays(9))).isEqualTo(new PlotActivity.Days(0, 0, 0, 0));
        assertThat(a.covers(MAY_1, MAY_1.plusDays(5))).isTrue();
        assertThat(a.covers(MAY_1.minusDays(1), MAY_1)).isFalse();
    }

    @Test
    void refusesDayStringsThatDoNotFitTheRange() {
        String shorter = new String(PlotActivityCodec.encode(sample()), StandardCharsets.UTF_8)
                .replace("\"011110\"", "\"01111\"");
        assertThatThrownBy(() -> PlotActivityCodec.decode(shorter.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plot activity is invalid")
                .hasMessageContaining("one character for each of the 6 days");
        String other = new String(PlotActivityCodec.encode(sample()), StandardCharsets.UTF_8)
                .replace("\"001100\"", "\"00x100\"");
        assertThatThrownBy(() -> PlotActivityCodec.decode(other.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("only '0' and '1'");
        assertThatThrownBy(() -> PlotActivityCodec.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plot activity");
    }
}
