package vn.dongxanh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dongxanh.sim.field.Crop;
import vn.dongxanh.sim.field.PlotState;

/** The programmatic API without a broker: CoAP-only plots need none. */
class SimulationTest {
    private static SimulationConfig coapOnly(long seed) {
        return SimulationConfig.builder()
                .broker(null)
                .plots(new PlotSpec("r01", Crop.RICE, 2.5), new PlotSpec("v01", Crop.VEGETABLE, 1.0))
                .coapPlots(Set.of("r01", "v01"))
                .coapSecurity(vn.dongxanh.sim.coap.CoapSecurity.insecure())
                .seed(seed)
                .interval(Duration.ofSeconds(30))
                .build();
    }

    private static PlotState[] startStates(long seed) {
        try (var sim = new Simulation(coapOnly(seed)).start()) {
            return new PlotState[] {sim.plotState("r01"), sim.plotState("v01")};
        }
    }

    @Test
    void theSameSeedGivesTheSameFieldsAndAnotherSeedOthers() {
        PlotState[] a = startStates(99);
        PlotState[] b = startStates(99);
        PlotState[] c = startStates(100);
        // Field time moves by well under a second between start and the look: < 0.001 cm.
        assertThat(a[0].waterLevelCm()).isCloseTo(b[0].waterLevelCm(), within(1e-3));
        assertThat(a[1].soilMoisture()).isCloseTo(b[1].soilMoisture(), within(1e-5));
        assertThat(a[0].waterLevelCm()).isNotCloseTo(c[0].waterLevelCm(), within(1e-3));
        assertThat(a[0].crop()).isEqualTo(Crop.RICE);
        assertThat(a[1].waterLevelCm()).isNaN();
    }

    @Test
    void devicesAndCoapEndpointsAreListed() {
        try (var sim = new Simulation(coapOnly(1)).start()) {
            assertThat(sim.devices()).hasSize(8).allMatch(d -> d.transport() == Transport.COAP);
            assertThat(sim.coapTelemetryUris()).hasSize(8).containsKeys("r01-wl", "v01-sm", "r01-valve");
            assertThat(sim.coapTelemetryUris().get("r01-wl").toString())
                    .matches("coap://127\\.0\\.0\\.1:\\d+/telemetry");
            assertThat(sim.coapValveUris()).containsOnlyKeys("r01-valve", "v01-valve");
            assertThat(sim.coapValveUris().get("r01-valve").getPath()).isEqualTo("/valve");
            assertThat(sim.valve("r01-valve").isOpen()).isFalse();
            assertThatThrownBy(() -> sim.valve("r01-wl")).hasMessageContaining("no valve controller");
            assertThatThrownBy(() -> sim.plotState("nope")).hasMessageContaining("no plot");
        }
    }

    @Test
    void aBrokerIsRequiredOnlyForMqttPlots() {
        assertThatThrownBy(() -> SimulationConfig.builder()
                        .broker(null)
                        .plots(new PlotSpec("r01", Crop.RICE, 1))
                        .build())
                .hasMessageContaining("broker URL is needed");
    }
}
