package vn.dongxanh.edge.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.psk.DevicePsk;
import vn.dongxanh.contract.psk.PskFile;

/**
 * The gateway's configuration, read from one YAML file. Every option has a default that runs on
 * a laptop with a local broker; {@code CONFIGURATION.md} documents each one. Invalid values
 * are refused at start, naming the field and the fix.
 */
public record AgentConfig(
        String gatewayId,
        String cooperativeId,
        String fieldBroker,
        String cloudBroker,
        Duration fieldSessionExpiry,
        List<CoapDevice> coapDevices,
        Outbox outbox,
        Uplink uplink,
        List<PlotSpec> plots,
        ControlSettings control,
        BrokerAccess fieldAccess,
        BrokerAccess cloudAccess,
        FieldDevices fieldDevices) {

    /**
     * Which devices of the field broker the gateway takes readings from: every one it hears
     * ({@code all}, a broker of its own), or only those bound to its plots ({@code plots}: a
     * field broker shared with other gateways, whose devices are theirs to forward).
     */
    public enum FieldDevices {
        ALL,
        PLOTS
    }

    /** A configuration taking every device's readings from its field broker. */
    public AgentConfig(
            String gatewayId,
            String cooperativeId,
            String fieldBroker,
            String cloudBroker,
            Duration fieldSessionExpiry,
            List<CoapDevice> coapDevices,
            Outbox outbox,
            Uplink uplink,
            List<PlotSpec> plots,
            ControlSettings control,
            BrokerAccess fieldAccess,
            BrokerAccess cloudAccess) {
        this(
                gatewayId,
                cooperativeId,
                fieldBroker,
                cloudBroker,
                fieldSessionExpiry,
                coapDevices,
                outbox,
                uplink,
                plots,
                control,
                fieldAccess,
                cloudAccess,
                FieldDevices.ALL);
    }

    /** The devices bound to this gateway's plots (level or moisture, rain, flow, valve, pump). */
    public java.util.Set<String> plotDevices() {
        var ids = new java.util.HashSet<String>();
        for (PlotSpec p : plots) {
            for (String d : java.util.Arrays.asList(
                    p.waterLevel(), p.soilMoisture(), p.rain(), p.flow(), p.valve(), p.pump())) {
                if (d != null) ids.add(d);
            }
        }
        return java.util.Set.copyOf(ids);
    }

    /** A configuration whose broker links carry no credentials and trust the JVM's CAs. */
    public AgentConfig(
            String gatewayId,
            String cooperativeId,
            String fieldBroker,
            String cloudBroker,
            Duration fieldSessionExpiry,
            List<CoapDevice> coapDevices,
            Outbox outbox,
            Uplink uplink,
            List<PlotSpec> plots,
            ControlSettings control) {
        this(
                gatewayId,
                cooperativeId,
                fieldBroker,
                cloudBroker,
                fieldSessionExpiry,
                coapDevices,
                outbox,
                uplink,
                plots,
                control,
                BrokerAccess.NONE,
                BrokerAccess.NONE);
    }

    /** Durable store-and-forward settings. */
    /**
     * @param rawDays pending readings older than this are compacted into hourly means
     * @param maxReadings when more are pending, the oldest are compacted until 90% of this remain
     * @param redeliveryWindow sent readings are remembered this long to recognise redelivered ones
     */
    public record Outbox(
            Path path,
            int batchMaxReadings,
            Duration linger,
            String synchronous,
            Duration rawDays,
            long maxReadings,
            Duration redeliveryWindow) {}

    /** Cloud link settings. */
    public record Uplink(Duration ackTimeout, Duration retryDelay, Duration healthInterval) {}

    public static final AgentConfig DEFAULTS = new AgentConfig(
            "gw-01",
            "htx-demo",
            "tcp://127.0.0.1:1883",
            "tcp://127.0.0.1:1883",
            Duration.ofDays(7),
            List.of(),
            new Outbox(
                    Path.of("edge-outbox.db"),
                    500,
                    Duration.ofSeconds(1),
                    "FULL",
                    Duration.ofDays(7),
                    20_000_000,
                    Duration.ofMinutes(2)),
            new Uplink(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30)),
            List.of(),
            defaultControl());

    /**
     * This configuration with a change of control settings from the cloud: a JSON object shaped
     * like the {@code control:} section, merged into the current settings and validated.
     */
    public AgentConfig withControlChange(String controlJson) {
        JsonNode change;
        try {
            change = Binding.YAML.readTree(controlJson);
        } catch (JacksonException e) {
            throw new ConfigException("control", "is not a JSON object", e.getOriginalMessage());
        }
        var current = (tools.jackson.databind.node.ObjectNode) Binding.YAML.valueToTree(control);
        var next = Binding.bind(Binding.merge(current, change), ControlSettings.class, "control.");
        return new AgentConfig(
                gatewayId,
                cooperativeId,
                fieldBroker,
                cloudBroker,
                fieldSessionExpiry,
                coapDevices,
                outbox,
                uplink,
                plots,
                next,
                fieldAccess,
                cloudAccess,
                fieldDevices);
    }

    /** The control defaults of {@code irrigation-defaults.yaml}. */
    public static ControlSettings defaultControl() {
        return Binding.bind(Binding.resource("irrigation-defaults.yaml"), ControlSettings.class, "control.");
    }

    private static final Set<String> TOP_LEVEL = Set.of(
            "gateway",
            "cooperative",
            "field-broker",
            "cloud-broker",
            "field-session-expiry",
            "field-devices",
            "coap-devices",
            "coap-credentials",
            "outbox",
            "uplink",
            "plots",
            "control",
            "field-credentials-file",
            "field-tls-ca",
            "cloud-credentials-file",
            "cloud-tls-ca",
            "cloud-client-keystore");

    public AgentConfig {
        requireId("gateway", gatewayId);
        requireId("cooperative", cooperativeId);
        requireBroker("field-broker", fieldBroker);
        requireBroker("cloud-broker", cloudBroker);
        fieldAccess = fieldAccess == null ? BrokerAccess.NONE : fieldAccess;
        fieldDevices = fieldDevices == null ? FieldDevices.ALL : fieldDevices;
        cloudAccess = cloudAccess == null ? BrokerAccess.NONE : cloudAccess;
        fieldAccess.check("field", fieldBroker);
        cloudAccess.check("cloud", cloudBroker);
        coapDevices = List.copyOf(coapDevices);
        plots = List.copyOf(plots);
        checkPlots(plots, control);
        if (outbox.batchMaxReadings() < 1 || outbox.batchMaxReadings() > 10_000) {
            throw new ConfigException(
                    "outbox.batch-max-readings", "is " + outbox.batchMaxReadings(), "use a number from 1 to 10000");
        }
        if (!Set.of("FULL", "NORMAL", "EXTRA").contains(outbox.synchronous())) {
            throw new ConfigException(
                    "outbox.synchronous",
                    "is '" + outbox.synchronous() + "'",
                    "use FULL (survives power loss) or NORMAL (survives process crashes only)");
        }
        if (outbox.maxReadings() < 10_000) {
            throw new ConfigException(
                    "outbox.max-readings", "is " + outbox.maxReadings(), "keep at least 10000 readings");
        }
        if (outbox.rawDays().compareTo(Duration.ofHours(1)) < 0) {
            throw new ConfigException("outbox.raw-days", "is " + outbox.rawDays(), "keep raw readings at least 1h");
        }
    }

    /** Reads a YAML file; absent keys take their defaults, unknown keys are refused. */
    public static AgentConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("(file)", file + " does not exist", "pass an existing file to --config");
        }
        try {
            return fromYaml(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("(file)", "could not be read: " + e.getMessage(), "check the file's permissions");
        }
    }

    public static AgentConfig fromYaml(String yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("(file)", "is not valid YAML: " + e.getOriginalMessage(), "fix the syntax");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return DEFAULTS;
        }
        if (!root.isObject()) {
            throw new ConfigException("(file)", "is not a mapping", "write key: value lines");
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new ConfigException(key, "is not a known option", "use one of " + TOP_LEVEL);
            }
        }
        var d = DEFAULTS;
        JsonNode outbox = root.path("outbox");
        JsonNode uplink = root.path("uplink");
        knownKeys(
                outbox,
                "outbox",
                Set.of(
                        "path",
                        "batch-max-readings",
                        "linger",
                        "synchronous",
                        "raw-days",
                        "max-readings",
                        "redelivery-window"));
        knownKeys(uplink, "uplink", Set.of("ack-timeout", "retry-delay", "health-interval"));
        return new AgentConfig(
                text(root, "gateway", d.gatewayId()),
                text(root, "cooperative", d.cooperativeId()),
                text(root, "field-broker", d.fieldBroker()),
                text(root, "cloud-broker", d.cloudBroker()),
                duration(root, "field-session-expiry", "field-session-expiry", d.fieldSessionExpiry()),
                coapDevices(root.path("coap-devices"), root.path("coap-credentials")),
                new Outbox(
                        Path.of(text(
                                outbox, "outbox.path", "path", d.outbox().path().toString())),
                        integer(
                                outbox,
                                "outbox.batch-max-readings",
                                "batch-max-readings",
                                d.outbox().batchMaxReadings()),
                        duration(outbox, "outbox.linger", "linger", d.outbox().linger()),
                        text(
                                        outbox,
                                        "outbox.synchronous",
                                        "synchronous",
                                        d.outbox().synchronous())
                                .toUpperCase(),
                        duration(
                                outbox,
                                "outbox.raw-days",
                                "raw-days",
                                d.outbox().rawDays()),
                        longInteger(
                                outbox,
                                "outbox.max-readings",
                                "max-readings",
                                d.outbox().maxReadings()),
                        duration(
                                outbox,
                                "outbox.redelivery-window",
                                "redelivery-window",
                                d.outbox().redeliveryWindow())),
                new Uplink(
                        duration(
                                uplink,
                                "uplink.ack-timeout",
                                "ack-timeout",
                                d.uplink().ackTimeout()),
                        duration(
                                uplink,
                                "uplink.retry-delay",
                                "retry-delay",
                                d.uplink().retryDelay()),
                        duration(
                                uplink,
                                "uplink.health-interval",
                                "health-interval",
                                d.uplink().healthInterval())),
                plots(root.path("plots")),
                Binding.bind(
                        Binding.merge(Binding.resource("irrigation-defaults.yaml"), root.get("control")),
                        ControlSettings.class,
                        "control."),
                new BrokerAccess(path(root, "field-credentials-file"), path(root, "field-tls-ca"), null),
                new BrokerAccess(
                        path(root, "cloud-credentials-file"),
                        path(root, "cloud-tls-ca"),
                        path(root, "cloud-client-keystore")),
                fieldDevices(text(root, "field-devices", "all")));
    }

    private static FieldDevices fieldDevices(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> FieldDevices.ALL;
            case "plots" -> FieldDevices.PLOTS;
            default ->
                throw new ConfigException(
                        "field-devices",
                        "is '" + value + "'",
                        "use all (every device on the field broker) or plots (only the devices of this gateway's plots)");
        };
    }

    private static Path path(JsonNode node, String key) {
        String value = text(node, key, null);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static void knownKeys(JsonNode section, String name, Set<String> known) {
        if (section.isMissingNode() || section.isNull()) return;
        if (!section.isObject()) throw new ConfigException(name, "is not a mapping", "write key: value lines under it");
        for (String key : section.propertyNames()) {
            if (!known.contains(key)) {
                throw new ConfigException(
                        name + "." + key, "is not a known option", "use one of " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static List<PlotSpec> plots(JsonNode list) {
        if (list.isMissingNode() || list.isNull()) return List.of();
        if (!list.isArray()) throw new ConfigException("plots", "is not a list", "write one '- id: …' entry per plot");
        var out = new ArrayList<PlotSpec>();
        for (int i = 0; i < list.size(); i++) {
            out.add(Binding.bind(list.get(i), PlotSpec.class, "plots[" + i + "]."));
        }
        return out;
    }

    /** Rules across plots: unique ids, each device on one plot, known crop groups. */
    private static void checkPlots(List<PlotSpec> plots, ControlSettings control) {
        var plotIds = new java.util.HashSet<String>();
        var devices = new java.util.HashMap<String, String>();
        for (int i = 0; i < plots.size(); i++) {
            PlotSpec p = plots.get(i);
            String at = "plots[" + i + "]";
            if (!plotIds.add(p.id())) {
                throw new ConfigException(at + ".id", "repeats plot '" + p.id() + "'", "give every plot its own id");
            }
            if (p.crop() == PlotSpec.Crop.VEGETABLE
                    && !control.vegetable().groups().containsKey(p.cropGroup())) {
                throw new ConfigException(
                        at + ".crop-group",
                        "is '" + p.cropGroup() + "'",
                        "use one of "
                                + new java.util.TreeSet<>(
                                        control.vegetable().groups().keySet()));
            }
            if (p.crop() == PlotSpec.Crop.RICE && p.varietyDays() != null) {
                var rice = control.rice();
                try {
                    new vn.dongxanh.edge.irrigation.RiceCalendar(
                            java.time.LocalDate.EPOCH,
                            rice.stages(),
                            rice.referenceVarietyDays(),
                            p.varietyDays(),
                            rice.fixedStages());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(
                            at + ".variety-days",
                            "is " + p.varietyDays() + ", too short for the stage table (" + e.getMessage() + ")",
                            "use the variety's real duration; the stage table is built for about "
                                    + rice.referenceVarietyDays() + " days");
                }
            }
            for (String device : java.util.Arrays.asList(
                    p.waterLevel(), p.soilMoisture(), p.rain(), p.flow(), p.valve(), p.pump())) {
                if (device == null) continue;
                String other = devices.putIfAbsent(device, p.id());
                if (other != null && !other.equals(p.id())) {
                    throw new ConfigException(
                            at,
                            "names device '" + device + "' that plot '" + other + "' has too",
                            "a device belongs to one plot");
                }
            }
        }
    }

    private static String text(JsonNode node, String key, String dflt) {
        return text(node, key, key, dflt);
    }

    private static String text(JsonNode node, String field, String key, String dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isValueNode()) throw new ConfigException(field, "is not a single value", "write it as text");
        return n.asString();
    }

    private static int integer(JsonNode node, String field, String key, int dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isIntegralNumber()) throw new ConfigException(field, "is not a whole number", "write e.g. 500");
        return n.intValue();
    }

    private static long longInteger(JsonNode node, String field, String key, long dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isIntegralNumber()) throw new ConfigException(field, "is not a whole number", "write e.g. 20000000");
        return n.longValue();
    }

    private static Duration duration(JsonNode node, String field, String key, Duration dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return dflt;
        return Durations.parse(field, n.asString());
    }

    /**
     * {@code coap-devices}: each entry a {@code coap://host:port/telemetry} text, or a mapping
     * {@code {uri: coaps://host:port/telemetry, device: ID}} whose key is the line of device ID
     * in the {@code coap-credentials} file.
     */
    private static List<CoapDevice> coapDevices(JsonNode list, JsonNode credentialsNode) {
        if (list.isMissingNode() || list.isNull()) return List.of();
        if (!list.isArray()) {
            throw new ConfigException(
                    "coap-devices", "is not a list", "write one '- coap://host:port/telemetry' per line");
        }
        String credentials = null;
        if (!credentialsNode.isMissingNode() && !credentialsNode.isNull()) {
            if (!credentialsNode.isString() || credentialsNode.asString().isBlank()) {
                throw new ConfigException(
                        "coap-credentials", "is not a file name", "write the path of the CoAP key file");
            }
            credentials = credentialsNode.asString();
        }
        Map<String, DevicePsk> keys = null;
        var out = new ArrayList<CoapDevice>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "coap-devices[" + i + "]";
            String device = null;
            if (n.isObject()) {
                for (String key : n.propertyNames()) {
                    if (!Set.of("uri", "device").contains(key)) {
                        throw new ConfigException(at + "." + key, "is not a known option", "use uri and device");
                    }
                }
                device = n.path("device").isValueNode() ? n.path("device").asString() : null;
                n = n.path("uri");
            }
            URI uri = coapUri(at, n);
            if (!CoapDevice.secure(uri)) {
                if (device != null) {
                    throw new ConfigException(
                            at + ".device",
                            "names a key for a plain coap:// device",
                            "write coaps:// to use DTLS with that key, or leave out device");
                }
                out.add(CoapDevice.plain(uri));
                continue;
            }
            if (device == null) {
                throw new ConfigException(
                        at,
                        "is '" + uri + "' without the device whose key to use",
                        "write '- { uri: " + uri + ", device: ID }', ID being the device's line in coap-credentials");
            }
            if (credentials == null) {
                throw new ConfigException(
                        "coap-credentials",
                        "is missing, but " + at + " is a coaps:// device",
                        "name the file of CoAP pre-shared keys (docs/security-coap.md)");
            }
            if (keys == null) keys = readKeys(Path.of(credentials));
            DevicePsk psk = keys.get(device);
            if (psk == null) {
                throw new ConfigException(
                        at + ".device",
                        "is '" + device + "', which has no line in " + credentials,
                        "add '" + device + " IDENTITY KEY-HEX' to that file, or name a device it has");
            }
            out.add(new CoapDevice(uri, psk));
        }
        return out;
    }

    private static URI coapUri(String at, JsonNode n) {
        String text = n.isValueNode() ? n.asString() : null;
        URI uri;
        try {
            uri = text == null ? null : URI.create(text);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || !Set.of("coap", "coaps").contains(String.valueOf(uri.getScheme()))
                || uri.getHost() == null) {
            throw new ConfigException(
                    at,
                    "is '" + (text == null ? n : text) + "'",
                    "use a coap:// or coaps:// URI with a host, e.g. coaps://192.168.1.40:5684/telemetry");
        }
        return uri;
    }

    private static Map<String, DevicePsk> readKeys(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                    "coap-credentials", "is " + file + ", which does not exist", "name an existing key file");
        }
        try {
            return PskFile.read(file);
        } catch (IOException e) {
            throw new ConfigException(
                    "coap-credentials", "could not be read: " + e.getMessage(), "check the file's permissions");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("coap-credentials", "is invalid: " + e.getMessage(), "fix that line");
        }
    }

    private static void requireId(String field, String value) {
        try {
            Ids.require(field, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    field, "is invalid (" + e.getMessage() + ")", "use lower-case letters, digits, '-' or '_'");
        }
    }

    private static void requireBroker(String field, String url) {
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            throw new ConfigException(field, "is '" + url + "'", "use tcp://host:port or ssl://host:port");
        }
    }
}
