package vn.dongxanh.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import vn.dongxanh.contract.Json;

/**
 * Registers the run's cooperative, plots and devices in ingest-service through its API, signed in
 * as the people who may do it: the department officer creates the cooperative, its manager the
 * plots and devices. Readings of registered devices belong to the cooperative, so its people see
 * them. On a later start everything is there already (409), which is fine.
 */
final class RegistrySeed {
    private static final Map<String, String> KINDS = Map.of(
            "wl", "water_level", "sm", "soil_moisture", "rain", "rain_gauge", "flow", "flow_meter", "valve", "valve");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;

    RegistrySeed(String ingestUrl) {
        this.ingestUrl = ingestUrl;
    }

    void apply(FieldPlan plan, String departmentToken, String managerToken) throws IOException, InterruptedException {
        var coop = Json.MAPPER
                .createObjectNode()
                .put("id", FieldPlan.COOPERATIVE)
                .put("name", "Hợp tác xã " + FieldPlan.COOPERATIVE + " (demo)");
        post("/api/cooperatives", coop.toString(), departmentToken);
        for (FieldPlan.Plot p : plan.plots()) {
            var plot = Json.MAPPER
                    .createObjectNode()
                    .put("id", p.id())
                    .put("cooperative", FieldPlan.COOPERATIVE)
                    .put("name", "Ruộng " + p.id())
                    .put("crop", p.rice() ? "rice" : "vegetable")
                    .put("areaHa", p.areaHa())
                    .put("valveFlowLpm", p.valveFlowLpm());
            post("/api/plots", plot.toString(), managerToken);
        }
        for (String device : plan.deviceIds()) {
            String plotId = device.substring(0, device.indexOf('-'));
            var body = Json.MAPPER
                    .createObjectNode()
                    .put("id", device)
                    .put("cooperative", FieldPlan.COOPERATIVE)
                    .put("plot", plotId)
                    .put("kind", KINDS.get(device.substring(device.indexOf('-') + 1)));
            post("/api/devices", body.toString(), managerToken);
        }
    }

    private void post(String path, String json, String token) throws IOException, InterruptedException {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(ingestUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("registering " + json + " at " + path + " failed: " + response.statusCode()
                    + " " + response.body());
        }
    }
}
