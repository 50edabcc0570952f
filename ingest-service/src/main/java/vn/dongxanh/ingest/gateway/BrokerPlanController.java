package vn.dongxanh.ingest.gateway;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.BrokerPlan;

/**
 * {@code GET /api/broker/access-plan}: what the MQTT brokers' credentials and ACLs are made from
 * (devkit's {@code BrokerAuthTool --from-ingest}). Every cooperative's gateways and devices, so
 * only the department and services read it (docs/security-mqtt.md).
 */
@RestController
@Tag(name = "gateways")
public class BrokerPlanController {
    private final BrokerPlanStore store;

    BrokerPlanController(BrokerPlanStore store) {
        this.store = store;
    }

    @GetMapping("/api/broker/access-plan")
    @Operation(
            summary = "Gateways and devices that need an identity on the MQTT brokers",
            description = "Every gateway of every cooperative — registered behind a device or already heard from —"
                    + " with the devices registered behind it. No secrets: the credentials are made and kept where"
                    + " the broker's files are. For the department and service clients only.")
    @ApiResponse(responseCode = "200", description = "the plan, gateways by id")
    public BrokerPlan plan() {
        return store.plan();
    }
}
