package vn.dongxanh.platform;

import java.nio.file.Path;
import java.util.Map;
import vn.dongxanh.devkit.mqtt.AccessPlan;
import vn.dongxanh.devkit.mqtt.BrokerSecrets;
import vn.dongxanh.devkit.mqtt.LocalCertificates;
import vn.dongxanh.devkit.mqtt.MosquittoFiles;
import vn.dongxanh.devkit.mqtt.OwnerOnly;
import vn.dongxanh.devkit.mqtt.Principals;

/**
 * The MQTT secrets of a local run, under {@code {work-dir}/secrets/} (folders rwx------, files
 * rw-------), made on the first start and reused after: {@code mqtt/} holds the broker's
 * principals ({@code broker-auth.json}), every client's credentials file and the same rules as
 * Mosquitto's {@code password_file} and {@code acl_file}; {@code tls/} the local CA and the
 * broker's certificate. Passwords reach the parts only as files, except ingest-service's, which
 * takes it from its environment ({@code DX_MQTT_PASSWORD}).
 */
record RunSecrets(Path dir, BrokerSecrets broker, LocalCertificates tls) {
    /** One gateway per cooperative of the province, each with its own login and its field's devices. */
    static RunSecrets ensure(Path workDir, ProvincePlan plan) {
        Path dir = OwnerOnly.directory(workDir.resolve("secrets"));
        var broker = BrokerSecrets.ensure(
                dir.resolve("mqtt"),
                AccessPlan.of(plan.fields().stream()
                        .map(f -> new AccessPlan.Gateway(f.cooperative(), f.gateway(), f.deviceIds()))
                        .toList()));
        // the same principals and rules for a Mosquitto, should one be pointed at this run's parts
        Path mosquitto = OwnerOnly.directory(dir.resolve("mqtt").resolve("mosquitto"));
        OwnerOnly.write(mosquitto.resolve("password_file"), MosquittoFiles.passwordFile(broker.auth()));
        OwnerOnly.write(mosquitto.resolve("acl_file"), MosquittoFiles.aclFile(broker.auth()));
        return new RunSecrets(dir, broker, LocalCertificates.ensure(dir.resolve("tls")));
    }

    /** ingest-service's login: its service identity and the CA of the broker's TLS listener. */
    Map<String, String> ingestEnvironment() {
        return Map.of(
                "DX_MQTT_USERNAME", Principals.INGEST,
                "DX_MQTT_PASSWORD", broker.password(Principals.INGEST),
                "DX_MQTT_TLS_CA", tls.ca().toString());
    }

    /** The credentials file of {@code gateway} on the cloud side (what its edge agent logs in with). */
    Path gatewayCredentials(String gateway) {
        return broker.credentialsFile(Principals.gatewayUser(gateway));
    }

    /** An edge agent's credential and TLS lines, appended to its configuration file. */
    String edgeConfig(String cloudUrl, String gateway) {
        return """
                # MQTT logins of this run (docs/security-mqtt.md): files, never passwords, in here
                field-credentials-file: %s
                cloud-credentials-file: %s
                cloud-tls-ca: %s
                """.formatted(
                        broker.credentialsFile(Principals.fieldUser(gateway)),
                        gatewayCredentials(gateway),
                        cloudUrl.startsWith("ssl://") ? tls.ca() : "");
    }
}
