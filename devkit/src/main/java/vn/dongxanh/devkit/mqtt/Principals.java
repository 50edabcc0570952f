package vn.dongxanh.devkit.mqtt;

import java.util.ArrayList;
import java.util.List;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;

/**
 * The platform's principals and their rules, built from the wire contract's topics. Each may do
 * exactly what its part does and nothing more (docs/security-mqtt.md has the table).
 */
public final class Principals {
    /** ingest-service's user on the cloud broker: telemetry intake and the command link. */
    public static final String INGEST = "ingest-service";

    private Principals() {}

    /** A gateway's user on the cloud broker: {@code gw-{gatewayId}}. */
    public static String gatewayUser(String gatewayId) {
        return "gw-" + Ids.require("gateway", gatewayId);
    }

    /** A device's user on the field broker: {@code dev-{deviceId}}. */
    public static String deviceUser(String deviceId) {
        return "dev-" + Ids.require("device", deviceId);
    }

    /** The edge agent's user on its field broker: {@code edge-{gatewayId}}. */
    public static String fieldUser(String gatewayId) {
        return "edge-" + Ids.require("gateway", gatewayId);
    }

    /** Publishes its telemetry, events, state and answers; hears only its own command topic. */
    public static Principal gateway(String cooperativeId, String gatewayId, String passwordHash) {
        return new Principal(
                gatewayUser(gatewayId),
                passwordHash,
                List.of(
                        new Topic.GatewayTelemetry(cooperativeId, gatewayId).path(),
                        new Topic.GatewayEvents(cooperativeId, gatewayId).path(),
                        new Topic.GatewayState(cooperativeId, gatewayId).path(),
                        new Topic.GatewayCommandAck(cooperativeId, gatewayId).path()),
                List.of(new Topic.GatewayCommand(cooperativeId, gatewayId).path()));
    }

    /** Publishes its readings, state and command answers; hears only its own command topic. */
    public static Principal device(String deviceId, String passwordHash) {
        return new Principal(
                deviceUser(deviceId),
                passwordHash,
                List.of(
                        new Topic.DeviceTelemetry(deviceId).path(),
                        new Topic.DeviceState(deviceId).path(),
                        new Topic.DeviceCommandAck(deviceId).path()),
                List.of(new Topic.DeviceCommand(deviceId).path()));
    }

    /**
     * Hears every device on its field broker (it subscribes with wildcards) and sends commands
     * only to its own devices.
     */
    public static Principal fieldAgent(String gatewayId, List<String> deviceIds, String passwordHash) {
        var publish = new ArrayList<String>();
        for (String d : deviceIds) publish.add(new Topic.DeviceCommand(d).path());
        return new Principal(
                fieldUser(gatewayId),
                passwordHash,
                publish,
                List.of(Topics.ALL_DEVICE_TELEMETRY, Topics.ALL_DEVICE_STATES, Topics.ALL_DEVICE_ACKS));
    }

    /**
     * Takes the gateways' telemetry, events and answers in its share groups, every gateway's
     * retained state (unshared), and is the only one who may publish on a gateway's command topic.
     */
    public static Principal ingest(String shareGroup, String ackGroup, String passwordHash) {
        return new Principal(
                INGEST,
                passwordHash,
                List.of(Topic.PREFIX + "coop/+/gw/+/cmd"),
                List.of(
                        Topics.shared(shareGroup, Topics.ALL_GATEWAY_TELEMETRY),
                        Topics.shared(shareGroup, Topics.ALL_GATEWAY_EVENTS),
                        Topics.ALL_GATEWAY_STATES,
                        Topics.shared(ackGroup, Topics.ALL_GATEWAY_ACKS)));
    }
}
