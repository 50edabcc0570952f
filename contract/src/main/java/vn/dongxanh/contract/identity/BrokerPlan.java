package vn.dongxanh.contract.identity;

import java.util.List;
import vn.dongxanh.contract.Ids;

/**
 * Who needs an identity on the MQTT brokers, as the device registry knows it: every gateway of
 * every cooperative, with the devices behind it. ingest-service serves it
 * ({@code GET /api/broker/access-plan}); the broker credentials tool turns it into password files
 * and ACLs. It names no secret: passwords are made and kept where the broker's files are.
 */
public record BrokerPlan(List<Gateway> gateways) {
    public BrokerPlan {
        gateways = List.copyOf(gateways);
    }

    /** A gateway of a cooperative and the devices on its field broker. */
    public record Gateway(String cooperative, String gateway, List<String> devices) {
        public Gateway {
            Ids.require("cooperative", cooperative);
            Ids.require("gateway", gateway);
            devices = List.copyOf(devices);
            devices.forEach(d -> Ids.require("device", d));
        }
    }
}
