package vn.dongxanh.devkit.mqtt;

import java.util.List;
import vn.dongxanh.contract.Ids;

/**
 * Who needs an identity on the broker: the gateways with their cooperative and devices, and
 * ingest-service with the share groups it subscribes in.
 */
public record AccessPlan(List<Gateway> gateways, String shareGroup, String ackGroup) {
    /** ingest-service's defaults ({@code dx.ingest.mqtt.share-group}, {@code dx.ingest.commands.ack-group}). */
    public static final String DEFAULT_SHARE_GROUP = "ingest";

    public static final String DEFAULT_ACK_GROUP = "ingest-acks";

    public record Gateway(String cooperativeId, String gatewayId, List<String> deviceIds) {
        public Gateway {
            Ids.require("cooperative", cooperativeId);
            Ids.require("gateway", gatewayId);
            deviceIds = List.copyOf(deviceIds);
            deviceIds.forEach(d -> Ids.require("device", d));
        }
    }

    public AccessPlan {
        gateways = List.copyOf(gateways);
    }

    public static AccessPlan of(List<Gateway> gateways) {
        return new AccessPlan(gateways, DEFAULT_SHARE_GROUP, DEFAULT_ACK_GROUP);
    }
}
