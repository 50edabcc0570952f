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
        assertThat(c.coapDevices()).containsExactly(URI.create("coap://127.0.0.1:5683/telemetry"));
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
                "coap-devices: [ 'http://x/telemetry' ]|coap-devices",
                "coap-devices: coap://x|coap-devices",
                "outbox: { batch-max-readings: 0 }|outbox.batch-max-readings",
                "outbox: { batch-max-readings: many }|outbox.batch-max-readings",
                "outbox: { linger: soon }|outbox.linger",
                "outbox: { synchronous: OFF }|outbox.synchronous",
                "gatway: gw-01|gatway",
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
