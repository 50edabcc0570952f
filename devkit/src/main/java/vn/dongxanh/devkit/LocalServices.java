package vn.dongxanh.devkit;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real services for tests: the machine's Mosquitto (127.0.0.1:1883) and PostgreSQL
 * (127.0.0.1:5432, trust auth) when they run, otherwise an embedded broker or database started
 * once per JVM on a free port and stopped at exit. Every test gets a database of its own,
 * dropped when it closes.
 */
public final class LocalServices {
    private static final Logger log = LoggerFactory.getLogger(LocalServices.class);
    private static final int MOSQUITTO_PORT = Integer.getInteger("dx.test.mqtt.port", 1883);
    private static final int POSTGRES_PORT = Integer.getInteger("dx.test.postgres.port", 5432);

    private static EmbeddedBroker broker;
    private static EmbeddedDatabase database;

    private LocalServices() {}

    /** URL of an MQTT 5 broker on loopback. */
    public static synchronized String mqttUrl() {
        if (FreePorts.listening(MOSQUITTO_PORT)) {
            return "tcp://127.0.0.1:" + MOSQUITTO_PORT;
        }
        if (broker == null) {
            log.info("no broker on 127.0.0.1:{}; starting an embedded HiveMQ", MOSQUITTO_PORT);
            broker = EmbeddedBroker.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker.url();
    }

    /** A fresh, empty database for one test; drop it with {@link TestDatabase#close()}. */
    public static synchronized TestDatabase freshDatabase(String prefix) {
        String name =
                (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        String adminUrl;
        if (FreePorts.listening(POSTGRES_PORT)) {
            adminUrl = "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/postgres";
        } else {
            if (database == null) {
                log.info("no PostgreSQL on 127.0.0.1:{}; starting an embedded one", POSTGRES_PORT);
                database = EmbeddedDatabase.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            }
            adminUrl = database.adminUrl();
        }
        EmbeddedDatabase.Databases.create(adminUrl, "postgres", name);
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        return new TestDatabase(url, "postgres", "", () -> EmbeddedDatabase.Databases.drop(adminUrl, "postgres", name));
    }

    /** A database created for a test. */
    public record TestDatabase(String jdbcUrl, String user, String password, Runnable dropper)
            implements AutoCloseable {
        @Override
        public void close() {
            dropper.run();
        }
    }
}
