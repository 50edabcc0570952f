package vn.dongxanh.devkit.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;

/**
 * The broker's access model: every principal with its password hash and topic rules. It is the
 * one source both brokers are secured from: the embedded HiveMQ reads it directly
 * ({@link HiveMqSecurity}), Mosquitto gets a {@code password_file} and {@code acl_file} made from it
 * ({@link MosquittoFiles}). Its JSON ("broker-auth.json", format in docs/security-mqtt.md):
 *
 * <pre>{"version":1,"principals":[{"username":"gw-gw-01","password_hash":"$7$…",
 *   "publish":["dx/v1/coop/htx/gw/gw-01/telemetry",…],"subscribe":["dx/v1/coop/htx/gw/gw-01/cmd"]}]}</pre>
 */
public record BrokerAuth(Map<String, Principal> principals) {
    public static final int VERSION = 1;

    public BrokerAuth {
        principals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(principals));
    }

    public static BrokerAuth of(List<Principal> list) {
        var map = new LinkedHashMap<String, Principal>();
        for (Principal p : list) {
            if (map.put(p.username(), p) != null) {
                throw new IllegalArgumentException("principal " + p.username() + " is listed twice");
            }
        }
        return new BrokerAuth(map);
    }

    /** The principal whose password this is; empty for an unknown user or a wrong password. */
    public Optional<Principal> authenticate(String username, String password) {
        Principal p = username == null ? null : principals.get(username);
        if (p == null || password == null) return Optional.empty();
        return PasswordHash.verify(password, p.passwordHash()) ? Optional.of(p) : Optional.empty();
    }

    public boolean mayPublish(String username, String topic) {
        Principal p = principals.get(username);
        return p != null && p.mayPublish(topic);
    }

    public boolean maySubscribe(String username, String filter) {
        Principal p = principals.get(username);
        return p != null && p.maySubscribe(filter);
    }

    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("principals");
        for (Principal p : principals.values()) {
            ObjectNode o = list.addObject();
            o.put("username", p.username());
            o.put("password_hash", p.passwordHash());
            p.publish().forEach(o.putArray("publish")::add);
            p.subscribe().forEach(o.putArray("subscribe")::add);
        }
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** @throws IllegalArgumentException naming what is wrong in the JSON */
    public static BrokerAuth fromJson(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("broker auth is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.path("version").asInt(0) != VERSION) {
            throw new IllegalArgumentException("broker auth must be an object with \"version\": " + VERSION);
        }
        var list = new ArrayList<Principal>();
        for (JsonNode o : root.path("principals")) {
            list.add(new Principal(
                    o.path("username").asString(null),
                    o.path("password_hash").asString(null),
                    strings(o.path("publish")),
                    strings(o.path("subscribe"))));
        }
        return of(list);
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        for (JsonNode n : array) out.add(n.asString());
        return out;
    }

    public static BrokerAuth read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read broker auth " + file, e);
        }
    }

    /** Writes the JSON readable by its owner only. */
    public void write(Path file) {
        OwnerOnly.write(file, toJson());
    }
}
