package vn.dongxanh.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigTest {

    @Test
    void emptyFileGivesDefaultsThatRun() {
        assertThat(AgentConfig.fromYaml("")).isEqualTo(AgentConfig.DEFAULTS);
    }

    @Test
    void readsEveryOption() {
        var c = AgentConfig.fromYaml("""
                gateway: gw-07
                cooperative: htx-an-phu
                field-broker: tcp://10.0.0.2:1883
                cloud-broker: ssl://cloud.example:8883
                field-session-expiry: 2d
                coap-devices:
                  - coap://127.0.0.1:5683/telemetry
                outbox:
                  path: /var/lib/dx/outbox.db
                  batch-max-readings: 200
                  linger: 250ms
                  synchronous: normal
                uplink:
                  ack-timeout: 5s
                  retry-delay: PT1S
                """);
        assertThat(c.gatewayId()).isEqualTo("gw-07");
        assertThat(c.cooperativeId()).isEqualTo("htx-an-phu");
        assertThat(c.cloudBroker()).isEqualTo("ssl://cloud.example:8883");
        assertThat(c.fieldSessionExpiry()).isEqualTo(Duration.ofDays(2));
        assertThat(c.coapDevices()).containsExactly(CoapDevice.plain(URI.create("coap://127.0.0.1:5683/telemetry")));
        assertThat(c.outbox().path()).isEqualTo(Path.of("/var/lib/dx/outbox.db"));
        assertThat(c.outbox().batchMaxReadings()).isEqualTo(200);
        assertThat(c.outbox().linger()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.outbox().synchronous()).isEqualTo("NORMAL");
        assertThat(c.uplink().ackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.uplink().retryDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gateway: GW 1|gateway",
                "cooperative: ''|cooperative",
                "field-broker: http://x|field-broker",
                "coap-devices: [ 'http://x/telemetry' ]|coap-devices[0]",
                "coap-devices: coap://x|coap-devices",
                "outbox: { batch-max-readings: 0 }|outbox.batch-max-readings",
                "outbox: { batch-max-readings: many }|outbox.batch-max-readings",
                "outbox: { linger: soon }|outbox.linger",
                "outbox: { synchronous: OFF }|outbox.synchronous",
                "gatway: gw-01|gatway",
                "outbox: { lingr: 1s }|outbox.lingr",
                "uplink: { ack: 1s }|uplink.ack",
            })
    void refusesBadValuesNamingTheField(String yaml, String field) {
        assertThatThrownBy(() -> AgentConfig.fromYaml(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + field + "'")
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo(field));
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> AgentConfig.load(Path.of("/nonexistent/edge.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }
}

class PlotConfigTest {
    private static final String PLOTS = """
            plots:
              - id: p01
                crop: rice
                area-ha: 2.5
                transplanting-date: 2026-11-01
                variety-days: 95
                water-level: p01-wl
                rain: p01-rain
                valve: p01-valve
                valve-flow-lpm: 1500
              - id: p02
                crop: vegetable
                crop-group: leafy
                area-ha: 0.8
                soil-moisture: p02-sm
                valve: p02-valve
                valve-flow-lpm: 300
            """;

    @Test
    void fieldDevicesAreEveryDeviceUnlessLimitedToThePlots() {
        assertThat(AgentConfig.fromYaml(PLOTS).fieldDevices()).isEqualTo(AgentConfig.FieldDevices.ALL);
        var shared = AgentConfig.fromYaml("field-devices: plots\n" + PLOTS);
        assertThat(shared.fieldDevices()).isEqualTo(AgentConfig.FieldDevices.PLOTS);
        assertThat(shared.plotDevices())
                .containsExactlyInAnyOrder("p01-wl", "p01-rain", "p01-valve", "p02-sm", "p02-valve");
        assertThatThrownBy(() -> AgentConfig.fromYaml("field-devices: some\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("field-devices");
    }

    @Test
    void readsPlotsAndKeepsControlDefaultsFromTheDomain() {
        var c = AgentConfig.fromYaml(PLOTS);
        assertThat(c.plots()).extracting(PlotSpec::id).containsExactly("p01", "p02");
        assertThat(c.plots().get(0).crop()).isEqualTo(PlotSpec.Crop.RICE);
        assertThat(c.plots().get(0).transplantingDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 1));
        assertThat(c.plots().get(1).governingSensor()).isEqualTo("p02-sm");
        var rice = c.control().rice();
        assertThat(rice.stages()).hasSize(7);
        assertThat(rice.stages().get(2).startAtCm()).isEqualTo(-15);
        assertThat(rice.stages().get(2).stopAtCm()).isEqualTo(5);
        assertThat(rice.maxRunTime()).isEqualTo(Duration.ofMinutes(240));
        assertThat(rice.plausible().silentAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.control().vegetable().groups().get("leafy").start()).isEqualTo(0.22);
        assertThat(c.control().vegetable().minInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(c.control().supply().maxOpenValves()).isEqualTo(4);
    }

    @Test
    void controlOverridesMergeIntoTheDefaults() {
        var c = AgentConfig.fromYaml(PLOTS + """
                control:
                  rice:
                    max-run-time: 2h
                    rain: { skip-mm: 15 }
                  supply:
                    max-open-valves: 2
                """);
        assertThat(c.control().rice().maxRunTime()).isEqualTo(Duration.ofHours(2));
        assertThat(c.control().rice().rain().skipMm()).isEqualTo(15);
        assertThat(c.control().rice().rain().stopMm()).isEqualTo(2);
        assertThat(c.control().rice().stages()).hasSize(7);
        assertThat(c.control().supply().maxOpenValves()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "area-ha: 2.5|area-ha: 0|plots[0]",
                "crop: rice|crop: wheat|plots[0].crop",
                "water-level: p01-wl|water-level: P01 WL|plots[0]",
                "crop-group: leafy|crop-group: cactus|plots[1].crop-group",
                "soil-moisture: p02-sm|soil-moisture: p01-wl|plots[1]",
                "id: p02|id: p01|plots[1].id",
                "valve-flow-lpm: 300|valve-flow-lpm: lots|plots[1].valve-flow-lpm",
                "variety-days: 95|varietydays: 95|plots[0]",
                "variety-days: 95|variety-days: 80|plots[0].variety-days",
            })
    void refusesBadPlotsNamingTheField(String from, String to, String field) {
        assertThatThrownBy(() -> AgentConfig.fromYaml(PLOTS.replace(from, to)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).field()).startsWith(field));
    }

    @Test
    void refusesAControlOverrideThatBreaksARule() {
        assertThatThrownBy(() -> AgentConfig.fromYaml(
                        "control: { vegetable: { groups: { leafy: { start: 0.3, stop: 0.2 } } } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("control.vegetable.groups")
                .hasMessageContaining("0 ≤ start < stop ≤ 1");
    }
}
