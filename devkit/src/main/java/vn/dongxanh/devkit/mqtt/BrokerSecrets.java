package vn.dongxanh.devkit.mqtt;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The broker's credentials for a run, kept in one owner-only folder and reused on later starts:
 *
 * <ul>
 *   <li>{@code broker-auth.json} — principals with password hashes and topic rules (what a broker reads);
 *   <li>{@code clients/{user}.credentials} — user name and password of one client (gateway, edge agent's
 *       field side, ingest-service), read by that client;
 *   <li>{@code clients/devices.credentials} — device id = password for the simulated devices (their
 *       user name is {@code dev-{device id}}).
 * </ul>
 *
 * A principal keeps its password across starts; one that is new in the plan gets a fresh one, and
 * one no longer in the plan is dropped (it can no longer connect).
 */
public final class BrokerSecrets {
    public static final String DEVICES_FILE = "devices.credentials";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final BrokerAuth auth;

    private BrokerSecrets(Path dir, BrokerAuth auth) {
        this.dir = dir;
        this.auth = auth;
    }

    /** Loads the folder, adds what the plan needs, drops what it no longer names, and writes it back. */
    public static BrokerSecrets ensure(Path dir, AccessPlan plan) {
        OwnerOnly.directory(dir);
        Path clients = OwnerOnly.directory(dir.resolve("clients"));
        Path authFile = dir.resolve("broker-auth.json");
        Map<String, Principal> existing =
                Files.exists(authFile) ? BrokerAuth.read(authFile).principals() : Map.of();
        Map<String, String> devicePasswords = readProperties(clients.resolve(DEVICES_FILE));

        var principals = new ArrayList<Principal>();
        var clientPasswords = new LinkedHashMap<String, String>();
        var devices = new TreeMap<String, String>();
        for (AccessPlan.Gateway g : plan.gateways()) {
            principals.add(client(
                    existing,
                    clients,
                    Principals.gatewayUser(g.gatewayId()),
                    clientPasswords,
                    h -> Principals.gateway(g.cooperativeId(), g.gatewayId(), h)));
            principals.add(client(
                    existing,
                    clients,
                    Principals.fieldUser(g.gatewayId()),
                    clientPasswords,
                    h -> Principals.fieldAgent(g.gatewayId(), g.deviceIds(), h)));
            for (String d : g.deviceIds()) {
                String user = Principals.deviceUser(d);
                String pw = devicePasswords.get(d);
                Principal old = existing.get(user);
                String hash;
                if (pw != null && old != null) {
                    hash = old.passwordHash();
                } else {
                    pw = newPassword();
                    hash = PasswordHash.hash(pw);
                }
                devices.put(d, pw);
                principals.add(Principals.device(d, hash));
            }
        }
        principals.add(client(
                existing,
                clients,
                Principals.INGEST,
                clientPasswords,
                h -> Principals.ingest(plan.shareGroup(), plan.ackGroup(), h)));

        var auth = BrokerAuth.of(principals);
        auth.write(authFile);
        clientPasswords.forEach((user, pw) -> OwnerOnly.write(clientFile(clients, user), credentials(user, pw)));
        var deviceText = new StringBuilder(
                "# MQTT passwords of the simulated devices: device id = password; the user name is dev-{device id}\n");
        devices.forEach((d, pw) -> deviceText.append(d).append('=').append(pw).append('\n'));
        OwnerOnly.write(clients.resolve(DEVICES_FILE), deviceText.toString());
        return new BrokerSecrets(dir, auth);
    }

    private static Principal client(
            Map<String, Principal> existing,
            Path clients,
            String user,
            Map<String, String> passwords,
            Function<String, Principal> withHash) {
        String pw = readProperties(clientFile(clients, user)).get("password");
        Principal old = existing.get(user);
        String hash;
        if (pw != null && old != null) {
            hash = old.passwordHash();
        } else {
            pw = newPassword();
            hash = PasswordHash.hash(pw);
        }
        passwords.put(user, pw);
        return withHash.apply(hash);
    }

    private static Path clientFile(Path clients, String user) {
        return clients.resolve(user + ".credentials");
    }

    /** The text of a client's credentials file (a Java properties file). */
    public static String credentials(String user, String password) {
        return "# MQTT credentials of " + user + "; keep this file private\nusername=" + user + "\npassword=" + password
                + "\n";
    }

    private static String newPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, String> readProperties(Path file) {
        var map = new LinkedHashMap<String, String>();
        if (!Files.exists(file)) return map;
        var p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    public BrokerAuth auth() {
        return auth;
    }

    public Path authFile() {
        return dir.resolve("broker-auth.json");
    }

    /** The credentials file of a client principal (gateway, edge agent's field side, ingest-service). */
    public Path credentialsFile(String user) {
        return clientFile(dir.resolve("clients"), user);
    }

    /** The simulated devices' passwords (device id = password). */
    public Path deviceCredentialsFile() {
        return dir.resolve("clients").resolve(DEVICES_FILE);
    }

    /** The password of a client principal, for a caller that passes it on (e.g. as an environment variable). */
    public String password(String user) {
        return readProperties(credentialsFile(user)).get("password");
    }

    public List<String> users() {
        return List.copyOf(auth.principals().keySet());
    }
}
