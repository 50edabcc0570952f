package vn.dongxanh.devkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke test of the embedded infrastructure: each part starts on a free loopback port and does its one job. */
class EmbeddedInfrastructureTest {
    private record Received(String topic, MqttMessage message) {}

    @Test
    @Timeout(60)
    void theEmbeddedBrokerDeliversAQos1MessageToASharedSubscriber() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
            MqttClient subscriber = connect(broker.url(), "smoke-sub");
            MqttClient publisher = connect(broker.url(), "smoke-pub");
            try {
                var received = new CompletableFuture<Received>();
                // shared subscriptions need the client-level callback: per-subscription
                // listeners get nothing on $share filters with Paho 1.2.5
                subscriber.setCallback(new Callback(received));
                subscriber.subscribe("$share/g/dx/smoke/+/up", 1).waitForCompletion(5_000);

                var message = new MqttMessage("{\"hello\":1}".getBytes(UTF_8));
                message.setQos(1);
                publisher.publish("dx/smoke/dev-1/up", message);

                Received got = received.get(10, TimeUnit.SECONDS);
                assertThat(got.topic()).isEqualTo("dx/smoke/dev-1/up");
                assertThat(new String(got.message().getPayload(), UTF_8)).isEqualTo("{\"hello\":1}");
                assertThat(got.message().getQos()).isEqualTo(1);
            } finally {
                close(publisher);
                close(subscriber);
            }
        }
    }

    @Test
    void theEmbeddedDatabaseAnswersAndCreatesDatabases() throws SQLException {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(0)) {
            assertThat(db.adminUrl()).startsWith("jdbc:postgresql://127.0.0.1:" + db.port() + "/");
            try (Connection c = DriverManager.getConnection(db.adminUrl(), "postgres", "");
                    var rs = c.createStatement().executeQuery("select version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL ");
            }

            String url = db.createDatabase("smoke_created");

            assertThat(url).endsWith("/smoke_created");
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                    var s = c.createStatement()) {
                s.execute("create table t (n int)");
                s.execute("insert into t values (41), (1)");
                try (var rs = s.executeQuery("select current_database(), sum(n) from t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("smoke_created");
                    assertThat(rs.getInt(2)).isEqualTo(42);
                }
            }
        }
    }

    @Test
    void freshDatabaseIsCreatedEmptyAndDroppedOnClose() throws SQLException {
        String name;
        String adminUrl;
        try (LocalServices.TestDatabase db = LocalServices.freshDatabase("devkit_smoke")) {
            name = db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
            adminUrl = db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
            assertThat(name).startsWith("devkit_smoke_");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    var rs = c.createStatement()
                            .executeQuery(
                                    "select count(*) from information_schema.tables where table_schema = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("a fresh database has no tables").isZero();
            }
            assertThat(databaseExists(adminUrl, name)).isTrue();
        }
        assertThat(databaseExists(adminUrl, name)).as("dropped on close").isFalse();
    }

    private static boolean databaseExists(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
                var ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static MqttClient connect(String url, String clientId) throws MqttException {
        var client = new MqttClient(url, clientId + "-" + System.nanoTime(), new MemoryPersistence());
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        return client;
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) client.disconnect();
            client.close();
        } catch (MqttException e) {
            // the broker goes down right after; nothing to keep
        }
    }

    private record Callback(CompletableFuture<Received> received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.complete(new Received(topic, message));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            received.completeExceptionally(new IllegalStateException("disconnected: " + response));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            received.completeExceptionally(exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
