package vn.dongxanh.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest {
    @Test
    void parsesEveryPart() {
        var f = Fault.parse("stuck:p02-sm@1m+5m");
        assertThat(f).isEqualTo(new Fault(Fault.Type.STUCK, "p02-sm", Duration.ofMinutes(1), Duration.ofMinutes(5), 0));
        assertThat(f.activeAt(Duration.ofSeconds(59))).isFalse();
        assertThat(f.activeAt(Duration.ofMinutes(3))).isTrue();
        assertThat(f.activeAt(Duration.ofMinutes(6))).isFalse();

        var spike = Fault.parse("spike:p01-wl@20s=-12.5");
        assertThat(spike.type()).isEqualTo(Fault.Type.SPIKE);
        assertThat(spike.magnitude()).isEqualTo(-12.5);
        assertThat(spike.lasting()).isNull();
        assertThat(spike.activeAt(Duration.ofDays(9))).isTrue();

        assertThat(Fault.parse("silent:p01-wl@0").activeAt(Duration.ZERO)).isTrue();
        assertThat(Fault.parse("drop:p01-valve@10s+30s").lasting()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> Fault.parse("melt:p01-wl@1s")).hasMessageContaining("silent, stuck");
        assertThatThrownBy(() -> Fault.parse("silent:p01-wl")).hasMessageContaining("kind:deviceId@after");
        assertThatThrownBy(() -> Fault.parse("silent:P01/WL@1s")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> Fault.parse("jump:p01-wl@1s")).hasMessageContaining("magnitude");
        assertThatThrownBy(() -> Fault.parse("silent:p01-wl@later")).hasMessageContaining("not a duration");
    }
}
