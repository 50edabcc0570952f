package vn.dongxanh.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.devkit.mqtt.AccessPlan;
import vn.dongxanh.devkit.mqtt.BrokerSecrets;
import vn.dongxanh.devkit.mqtt.LocalCertificates;
import vn.dongxanh.devkit.mqtt.Principals;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.config.ConfigException;

/**
 * The gateway on a secured broker: it logs in with the credentials files it is given, reaches the
 * cloud over TLS trusting only the CA it is told, and refuses a replayed or expired request from
 * the cloud without applying it.
 */
@Timeout(120)
class GatewaySecurityTest {
    private static final String COOP = "htx-sec";
    private static final String GW = "gw-sec";

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private BrokerSecrets secrets;
    private LocalCertificates tls;
    private EmbeddedBroker broker;

    @BeforeEach
    void secureBroker() {
        secrets = BrokerSecrets.ensure(
                dir.resolve("mqtt"),
                AccessPlan.of(List.of(new AccessPlan.Gateway(COOP, GW, List.of("p01-wl", "p01-valve")))));
        tls = LocalCertificates.ensure(dir.resolve("tls"));
        broker = EmbeddedBroker.startSecured(
                0, secrets.auth(), new EmbeddedBroker.Tls(0, tls.keystore(), tls.keystorePassword()));
        closeAfter.add(broker);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    private String yaml(boolean trustCa) {
        return """
                gateway: %s
                cooperative: %s
                field-broker: %s
                field-credentials-file: %s
                cloud-broker: %s
                cloud-credentials-file: %s
                %s
                outbox:
                  path: %s
                plots:
                  - id: p01
                    crop: rice
                    area-ha: 1.0
                    sowing-date: %s
                    water-level: p01-wl
                    valve: p01-valve
                    valve-flow-lpm: 8000
                """.formatted(
                        GW,
                        COOP,
                        broker.url(),
                        secrets.credentialsFile(Principals.fieldUser(GW)),
                        broker.tlsUrl(),
                        secrets.credentialsFile(Principals.gatewayUser(GW)),
                        trustCa ? "cloud-tls-ca: " + tls.ca() : "",
                        dir.resolve("outbox-" + trustCa + ".db"),
                        LocalDate.now().minusDays(30));
    }

    private EdgeAgent agent(boolean trustCa) throws Exception {
        var agent = new EdgeAgent(AgentConfig.fromYaml(yaml(trustCa)), Clock.systemUTC());
        closeAfter.add(agent);
        return agent;
    }

    @Test
    void theGatewayLogsInOverTlsWithTheCaItIsToldToTrust() throws Exception {
        var agent = agent(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.uplink().connected());
    }

    @Test
    void withoutTheCaTheGatewayDoesNotReachTheCloud() throws Exception {
        var agent = agent(false);
        // its field link (plain, with credentials) is up; the cloud link fails the TLS handshake
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !agent.uplink().connected());
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefused() throws Exception {
        Path leaky = dir.resolve("leaky.credentials");
        Files.writeString(leaky, "username=gw-x\npassword=p\n");
        Files.setPosixFilePermissions(leaky, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AgentConfig.fromYaml("cloud-credentials-file: " + leaky))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> AgentConfig.fromYaml("cloud-tls-ca: " + tls.ca()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl://");
    }

    @Test
    void aReplayedOrExpiredRequestIsRefusedAndNeverApplied() throws Exception {
        var agent = agent(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.uplink().connected());
        var answers = new CopyOnWriteArrayList<GatewayAck>();
        var commandLink = MqttListener.listen(
                broker.tlsUrl(),
                "cmd-link-test",
                new MqttListener.Login(Principals.INGEST, secrets.password(Principals.INGEST), tls.ca()),
                (topic, m) -> answers.add(GatewayRequestCodec.decodeAck(m.getPayload())),
                // as ingest-service hears answers: in its share group (the only way its rules allow)
                "$share/ingest-acks/" + vn.dongxanh.contract.topic.Topics.ALL_GATEWAY_ACKS);
        closeAfter.add(commandLink);
        String commands = new Topic.GatewayCommand(COOP, GW).path();

        byte[] close = GatewayRequestCodec.encode(new GatewayRequest.Override(
                "close-1",
                "p01",
                GatewayRequest.Override.State.CLOSED,
                Instant.now().plusSeconds(3600)));
        commandLink.publish(commands, close);
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 1);
        assertThat(answers.getFirst().result()).isEqualTo(GatewayAck.Result.APPLIED);

        // the same bytes again, as a third party who recorded them would send them
        commandLink.publish(commands, close);
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 2);
        assertThat(answers.get(1).requestId()).isEqualTo("close-1");
        assertThat(answers.get(1).result()).isEqualTo(GatewayAck.Result.DUPLICATE);

        var stale = ValveCommand.open(
                "cmd-stale",
                "p01-valve",
                Duration.ofMinutes(10),
                Instant.now().minusSeconds(120),
                Duration.ofSeconds(30));
        commandLink.publish(commands, GatewayRequestCodec.encode(new GatewayRequest.Valve("open-stale", stale)));
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 3);
        assertThat(answers.get(2).result()).isEqualTo(GatewayAck.Result.EXPIRED);
        assertThat(answers.get(2).reason()).contains("deadline");
        assertThat(agent.control().valvesOpen()).isZero();
    }
}
