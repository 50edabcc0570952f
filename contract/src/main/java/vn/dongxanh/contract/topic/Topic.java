package vn.dongxanh.contract.topic;

import vn.dongxanh.contract.Ids;

/**
 * Every MQTT topic of the platform (DESIGN.md, "The wire contract"). Field side topics name a
 * device; uplink topics name a cooperative and a gateway. {@link #path()} builds the topic,
 * {@link Topics#parse(String)} reads one back.
 */
public sealed interface Topic {
    String PREFIX = "dx/v1/";

    String path();

    /** Telemetry of a device on the field broker: SenML. */
    record DeviceTelemetry(String deviceId) implements Topic {
        public DeviceTelemetry {
            Ids.require("device", deviceId);
        }

        public String path() {
            return PREFIX + "dev/" + deviceId + "/up";
        }
    }

    /** Retained online/offline state of a device; its last will sets offline. */
    record DeviceState(String deviceId) implements Topic {
        public DeviceState {
            Ids.require("device", deviceId);
        }

        public String path() {
            return PREFIX + "dev/" + deviceId + "/state";
        }
    }

    /** Commands to a device (valve open/close). */
    record DeviceCommand(String deviceId) implements Topic {
        public DeviceCommand {
            Ids.require("device", deviceId);
        }

        public String path() {
            return PREFIX + "dev/" + deviceId + "/cmd";
        }
    }

    /** A device's answers to commands. */
    record DeviceCommandAck(String deviceId) implements Topic {
        public DeviceCommandAck {
            Ids.require("device", deviceId);
        }

        public String path() {
            return PREFIX + "dev/" + deviceId + "/cmd/ack";
        }
    }

    /** Sequenced telemetry batches from a gateway to the cloud. */
    record GatewayTelemetry(String cooperativeId, String gatewayId) implements Topic {
        public GatewayTelemetry {
            Ids.require("cooperative", cooperativeId);
            Ids.require("gateway", gatewayId);
        }

        public String path() {
            return Topics.gatewayBase(cooperativeId, gatewayId) + "/telemetry";
        }
    }

    /** Irrigation decisions and alarms from a gateway. */
    record GatewayEvents(String cooperativeId, String gatewayId) implements Topic {
        public GatewayEvents {
            Ids.require("cooperative", cooperativeId);
            Ids.require("gateway", gatewayId);
        }

        public String path() {
            return Topics.gatewayBase(cooperativeId, gatewayId) + "/events";
        }
    }

    /** Commands from the cloud to a gateway. */
    record GatewayCommand(String cooperativeId, String gatewayId) implements Topic {
        public GatewayCommand {
            Ids.require("cooperative", cooperativeId);
            Ids.require("gateway", gatewayId);
        }

        public String path() {
            return Topics.gatewayBase(cooperativeId, gatewayId) + "/cmd";
        }
    }

    /** A gateway's answers to commands. */
    record GatewayCommandAck(String cooperativeId, String gatewayId) implements Topic {
        public GatewayCommandAck {
            Ids.require("cooperative", cooperativeId);
            Ids.require("gateway", gatewayId);
        }

        public String path() {
            return Topics.gatewayBase(cooperativeId, gatewayId) + "/cmd/ack";
        }
    }

    /** Retained health of a gateway; its last will sets offline. */
    record GatewayState(String cooperativeId, String gatewayId) implements Topic {
        public GatewayState {
            Ids.require("cooperative", cooperativeId);
            Ids.require("gateway", gatewayId);
        }

        public String path() {
            return Topics.gatewayBase(cooperativeId, gatewayId) + "/state";
        }
    }
}
