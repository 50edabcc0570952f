package vn.dongxanh.ingest.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.dongxanh.contract.identity.BrokerPlan;

/**
 * The gateways the brokers must know: those registered behind a device ({@code device.gateway_id})
 * and those already heard from ({@code gateway}), each with the devices registered behind it.
 */
@Repository
class BrokerPlanStore {
    private final JdbcTemplate jdbc;

    BrokerPlanStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    BrokerPlan plan() {
        Map<String, String> cooperativeOf = new LinkedHashMap<>();
        jdbc.query("""
                SELECT id, cooperative_id FROM gateway
                UNION SELECT DISTINCT gateway_id, cooperative_id FROM device WHERE gateway_id IS NOT NULL
                ORDER BY 1, 2""", rs -> {
            // a gateway id has one cooperative (the registry refuses a second); the first wins
            cooperativeOf.putIfAbsent(rs.getString(1), rs.getString(2));
        });
        Map<String, List<String>> devices = new LinkedHashMap<>();
        jdbc.query(
                "SELECT gateway_id, id, cooperative_id FROM device WHERE gateway_id IS NOT NULL ORDER BY gateway_id, id",
                rs -> {
                    if (rs.getString(3).equals(cooperativeOf.get(rs.getString(1)))) {
                        devices.computeIfAbsent(rs.getString(1), g -> new ArrayList<>())
                                .add(rs.getString(2));
                    }
                });
        var gateways = new ArrayList<BrokerPlan.Gateway>();
        cooperativeOf.forEach((gateway, coop) ->
                gateways.add(new BrokerPlan.Gateway(coop, gateway, devices.getOrDefault(gateway, List.of()))));
        return new BrokerPlan(gateways);
    }
}
