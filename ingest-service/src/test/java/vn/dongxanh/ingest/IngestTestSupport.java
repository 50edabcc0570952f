package vn.dongxanh.ingest;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.Retained;
import vn.dongxanh.devkit.TokenIssuer;
import vn.dongxanh.ingest.telemetry.TelemetrySubscriber;

/**
 * The whole service on a random port, against a fresh PostgreSQL database and a real MQTT 5
 * broker. Each test class gets its own context, database, share group and cooperative id (the
 * subscription is narrowed to that cooperative, so parallel runs on the same broker do not mix).
 */
// Declared before @SpringBootTest so that its afterAll runs after Spring's, which closes the context.
@ExtendWith(IngestTestSupport.DropDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class IngestTestSupport {
    protected static final UplinkCodec CODEC = new UplinkCodec(new TelemetryCodec());
    protected static final Duration WAIT = Duration.ofSeconds(30);

    /** The stand-in OpenID Connect provider the service trusts; one for the whole test run. */
    protected static final TokenIssuer ISSUER = TokenIssuer.start();

    protected static LocalServices.TestDatabase db;
    protected static String coop;
    private static MqttClient publisher;
    /** Topics this class left a retained message on: cleared after the class. */
    private static final Set<String> retained = ConcurrentHashMap.newKeySet();

    private static ConfigurableApplicationContext context;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected MeterRegistry registry;

    @Autowired
    protected TelemetrySubscriber subscriber;

    @Autowired
    private ConfigurableApplicationContext applicationContext;

    @LocalServerPort
    protected int port;

    /** The management port (actuator, metrics, API docs), loopback only. */
    @LocalManagementPort
    protected int managementPort;

    /** Where springdoc serves the OpenAPI document on the management port. */
    protected static final String API_DOCS = "/actuator/openapi";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        coop = "t" + run;
        db = LocalServices.freshDatabase("ingest_test");
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("dx.ingest.security.oidc.issuer-uri", ISSUER::issuerUri);
        registry.add("management.server.port", () -> "0"); // a free port: several contexts run at once
        registry.add("dx.ingest.mqtt.url", LocalServices::mqttUrl);
        registry.add("dx.ingest.mqtt.client-id", () -> "ingest-test-" + run);
        registry.add("dx.ingest.mqtt.share-group", () -> "ingest-test-" + run);
        registry.add("dx.ingest.mqtt.topic-filter", () -> "dx/v1/coop/" + coop + "/gw/+/telemetry");
        registry.add("dx.ingest.mqtt.events-filter", () -> "dx/v1/coop/" + coop + "/gw/+/events");
        registry.add("dx.ingest.mqtt.state-filter", () -> "dx/v1/coop/" + coop + "/gw/+/state");
        // do not leave long-lived sessions behind on a shared broker
        registry.add("dx.ingest.mqtt.session-expiry", () -> "30s");
    }

    @BeforeEach
    void awaitSubscription() {
        context = applicationContext;
        await("subscribed").atMost(WAIT).until(subscriber::subscribed);
    }

    @AfterAll
    static void closePublisher() throws MqttException {
        if (!retained.isEmpty()) {
            Retained.clear(LocalServices.mqttUrl(), retained);
            retained.clear();
        }
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
            publisher = null;
        }
    }

    /** Drops the class's database once its context is closed, so nothing writes to a vanished database. */
    static final class DropDatabase implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext extension) {
            if (context != null && context.isActive()) {
                throw new IllegalStateException("context still open: the database would vanish under it");
            }
            context = null;
            if (db != null) db.close();
            db = null;
        }
    }

    /** A valid token of {@code subject} acting for {@code organisation} in {@code role}. */
    protected static String token(PlatformRole role, String organisation) {
        var t = ISSUER.token(role.name().toLowerCase(java.util.Locale.ROOT) + "@" + organisation)
                .roles(role)
                .audience(TokenClaims.INGEST_AUDIENCE)
                .expiresIn(Duration.ofHours(2));
        if (organisation != null) t.organisation(organisation);
        return t.sign();
    }

    /** HTTP to this service without a token. */
    protected TestHttp anonymous() {
        return new TestHttp(port);
    }

    /** HTTP as a {@code role} of {@code organisation}. */
    protected TestHttp as(PlatformRole role, String organisation) {
        return new TestHttp(port).bearer(token(role, organisation));
    }

    /** HTTP to the management port (no token: it is bound to loopback and not part of the API). */
    protected TestHttp management() {
        return new TestHttp(managementPort);
    }

    /** HTTP as the department (reads everything, registers cooperatives). */
    protected TestHttp department() {
        return as(PlatformRole.DEPARTMENT_OFFICER, "so-nn-qng");
    }

    /** HTTP as the manager of cooperative {@code coop} (its plots, devices, alarm rules, valves). */
    protected TestHttp manager(String coop) {
        return as(PlatformRole.COOP_MANAGER, coop);
    }

    protected static String topic(String gateway) {
        return new Topic.GatewayTelemetry(coop, gateway).path();
    }

    protected static UplinkBatch batch(String gateway, long seq, List<Reading> readings) {
        return new UplinkBatch(coop, gateway, seq, Instant.now(), readings);
    }

    protected static void publish(String topic, byte[] payload) throws MqttException, InterruptedException {
        publish(topic, payload, false);
    }

    /** Publishes at QoS 1; a retained message is remembered and cleared after the class. */
    protected static void publish(String topic, byte[] payload, boolean retain)
            throws MqttException, InterruptedException {
        if (retain) retained.add(topic);
        if (publisher == null) {
            publisher = new MqttClient(
                    LocalServices.mqttUrl(), "ingest-test-pub-" + UUID.randomUUID(), new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            publisher.connect(options);
        }
        var message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retain);
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(topic, message);
                return;
            } catch (MqttException e) {
                // Paho may count a publish as in flight a moment after its PUBACK has released publish()
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 100) throw e;
                Thread.sleep(10);
            }
        }
    }

    protected static void publish(UplinkBatch batch) throws MqttException, InterruptedException {
        publish(topic(batch.gatewayId()), CODEC.encode(batch));
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    protected double messages(String outcome) {
        return count("dx.ingest.messages", "outcome", outcome);
    }

    protected double eventMessages(String outcome) {
        return count("dx.ingest.events", "outcome", outcome);
    }

    protected double stateMessages(String outcome) {
        return count("dx.ingest.gateway.states", "outcome", outcome);
    }

    protected void awaitMessages(String outcome, double atLeast) {
        await(outcome + " messages").atMost(WAIT).until(() -> messages(outcome) >= atLeast);
    }
}
