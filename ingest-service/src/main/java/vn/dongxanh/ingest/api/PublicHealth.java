package vn.dongxanh.ingest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health} on the API port, public and without details: the actuator itself (with
 * details, metrics and the API docs) lives on the management port bound to loopback
 * (docs/security-ingest.md), but load balancers, the run command and the benchmarks ask this port.
 */
@RestController
@Tag(name = "health", description = "Liveness for load balancers and the run command")
class PublicHealth {
    private final HealthEndpoint health;

    PublicHealth(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    @Operation(summary = "UP or DOWN (503), without details; public")
    ResponseEntity<Map<String, String>> health() {
        Status status = health.health().getStatus();
        HttpStatus code = Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(code).body(Map.of("status", status.getCode()));
    }
}
