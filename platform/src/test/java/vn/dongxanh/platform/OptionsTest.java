package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final Path HOME = Path.of("/repo");

    @Test
    void theProvinceIsSeededByDefaultWithItsDocumentedSize() {
        var o = Options.parse(new String[0], Map.of(), HOME);
        assertThat(o.cooperatives()).isEqualTo(3);
        assertThat(o.plots()).isEqualTo(24);
        assertThat(o.seed()).isTrue();
        assertThat(o.historyDays()).isEqualTo(3);
        assertThat(o.historyStep()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.webPort()).isEqualTo(8080);
        assertThat(o.generatedPlots()).isEqualTo(100);
    }

    @Test
    void theGeneratedProvinceIsSizedOrTurnedOffByItsOptionOrVariable() {
        assertThat(Options.parse(new String[] {"--generated-plots", "0"}, Map.of(), HOME)
                        .generatedPlots())
                .isZero();
        assertThat(Options.parse(new String[0], Map.of("DX_GENERATED_PLOTS", "400"), HOME)
                        .generatedPlots())
                .isEqualTo(400);
        assertThatThrownBy(() -> Options.parse(new String[] {"--generated-plots", "30"}, Map.of(), HOME))
                .hasMessageContaining("--generated-plots must be 0 (none) or 60..4000");
    }

    @Test
    void noSeedIsAFlagWithoutValueAndEveryNumberAnOptionOrVariable() {
        var o = Options.parse(
                new String[] {"--no-seed", "--cooperatives", "2", "--history-step", "1h", "--web-port", "9090"},
                Map.of("DX_PLOTS", "10", "DX_HISTORY_DAYS", "5"),
                HOME);
        assertThat(o.seed()).isFalse();
        assertThat(o.cooperatives()).isEqualTo(2);
        assertThat(o.plots()).isEqualTo(10);
        assertThat(o.historyDays()).isEqualTo(5);
        assertThat(o.historyStep()).isEqualTo(Duration.ofHours(1));
        assertThat(o.webPort()).isEqualTo(9090);
        assertThat(Options.parse(new String[0], Map.of("DX_SEED", "false"), HOME)
                        .seed())
                .isFalse();
    }

    @Test
    void aProvinceTooSmallForItsCooperativesOrAStrangeStepIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--cooperatives", "5", "--plots", "4"}, Map.of(), HOME))
                .hasMessageContaining("--plots");
        assertThatThrownBy(() -> Options.parse(new String[] {"--history-step", "15 minutes"}, Map.of(), HOME))
                .hasMessageContaining("--history-step");
        assertThatThrownBy(() -> Options.parse(new String[] {"--history-days", "-1"}, Map.of(), HOME))
                .hasMessageContaining("--history-days");
        assertThatThrownBy(() -> Options.parse(new String[0], Map.of("DX_SEED", "maybe"), HOME))
                .hasMessageContaining("DX_SEED");
    }
}
