package vn.dongxanh.contract.topic;

import java.util.List;

/** Parsing of topics and the subscription filters the platform uses. */
public final class Topics {
    /** Field broker: telemetry of every device. */
    public static final String ALL_DEVICE_TELEMETRY = Topic.PREFIX + "dev/+/up";
    /** Field broker: state of every device. */
    public static final String ALL_DEVICE_STATES = Topic.PREFIX + "dev/+/state";
    /** Field broker: acks of every device. */
    public static final String ALL_DEVICE_ACKS = Topic.PREFIX + "dev/+/cmd/ack";
    /** Cloud broker: telemetry of every gateway of every cooperative. */
    public static final String ALL_GATEWAY_TELEMETRY = Topic.PREFIX + "coop/+/gw/+/telemetry";
    /** Cloud broker: irrigation events of every gateway. */
    public static final String ALL_GATEWAY_EVENTS = Topic.PREFIX + "coop/+/gw/+/events";
    /** Cloud broker: answers of every gateway to cloud requests. */
    public static final String ALL_GATEWAY_ACKS = Topic.PREFIX + "coop/+/gw/+/cmd/ack";
    /** Cloud broker: retained health of every gateway. */
    public static final String ALL_GATEWAY_STATES = Topic.PREFIX + "coop/+/gw/+/state";

    private Topics() {}

    static String gatewayBase(String cooperativeId, String gatewayId) {
        return Topic.PREFIX + "coop/" + cooperativeId + "/gw/" + gatewayId;
    }

    /** A shared subscription ({@code $share/{group}/{filter}}, MQTT 5) so instances split the load. */
    public static String shared(String group, String filter) {
        if (group == null || group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("share group '" + group + "' must be a non-empty topic level");
        }
        return "$share/" + group + "/" + filter;
    }

    /**
     * Reads a concrete topic name back into its type.
     *
     * @throws IllegalArgumentException for wildcards, shared-subscription names, foreign prefixes,
     *     unknown shapes and invalid ids, saying which
     */
    public static Topic parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic is empty");
        }
        if (topic.startsWith("$share/")) {
            throw new IllegalArgumentException(
                    "'" + topic + "' is a shared-subscription filter, not a topic name: messages arrive on the"
                            + " topic after $share/{group}/");
        }
        if (topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("'" + topic + "' contains a wildcard: a topic name must be concrete");
        }
        if (!topic.startsWith(Topic.PREFIX)) {
            throw new IllegalArgumentException("'" + topic + "' is not a platform topic (prefix " + Topic.PREFIX + ")");
        }
        List<String> l = List.of(topic.substring(Topic.PREFIX.length()).split("/", -1));
        try {
            if (l.size() >= 3 && l.get(0).equals("dev")) {
                String dev = l.get(1);
                String rest = String.join("/", l.subList(2, l.size()));
                switch (rest) {
                    case "up" -> {
                        return new Topic.DeviceTelemetry(dev);
                    }
                    case "state" -> {
                        return new Topic.DeviceState(dev);
                    }
                    case "cmd" -> {
                        return new Topic.DeviceCommand(dev);
                    }
                    case "cmd/ack" -> {
                        return new Topic.DeviceCommandAck(dev);
                    }
                    default -> {}
                }
            } else if (l.size() >= 5 && l.get(0).equals("coop") && l.get(2).equals("gw")) {
                String coop = l.get(1);
                String gw = l.get(3);
                String rest = String.join("/", l.subList(4, l.size()));
                switch (rest) {
                    case "telemetry" -> {
                        return new Topic.GatewayTelemetry(coop, gw);
                    }
                    case "events" -> {
                        return new Topic.GatewayEvents(coop, gw);
                    }
                    case "cmd" -> {
                        return new Topic.GatewayCommand(coop, gw);
                    }
                    case "cmd/ack" -> {
                        return new Topic.GatewayCommandAck(coop, gw);
                    }
                    case "state" -> {
                        return new Topic.GatewayState(coop, gw);
                    }
                    default -> {}
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + topic + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + topic + "' is not a known platform topic");
    }
}
