package vn.dongxanh.platform;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Registers the run's cooperatives, plots and devices in ingest-service through its API, signed
 * in as the people who may do it: the department officer creates each cooperative, its manager
 * the plots and devices (each naming the gateway it is behind, from which the broker's password
 * file and ACL can be made: docs/security-mqtt.md). Readings of registered devices belong to the cooperative, so its people
 * see them. On a later start everything is there already (409), which is fine.
 */
final class RegistrySeed {
    private static final Map<String, String> KINDS = Map.of(
            "wl", "water_level", "sm", "soil_moisture", "rain", "rain_gauge", "flow", "flow_meter", "valve", "valve");

    private final ApiClient ingest;

    RegistrySeed(String ingestUrl) {
        this.ingest = new ApiClient(ingestUrl);
    }

    /**
     * @param withCodes whether each plot names the growing-area code the province seed gives it
     *     in traceability ({@link ProvinceSeed#code}): its irrigation summaries then carry the code
     */
    void apply(ProvincePlan province, SeedPeople people, boolean withCodes) throws IOException, InterruptedException {
        int number = 0;
        for (var coop : province.cooperatives()) {
            int n = ++number;
            apply(
                    coop.field(),
                    coop.name(),
                    withCodes ? rice -> ProvinceSeed.code(n, rice) : rice -> null,
                    people.department(),
                    people.managerOf(coop.id()));
        }
    }

    void apply(
            FieldPlan field, String name, Function<Boolean, String> codeOf, String departmentToken, String managerToken)
            throws IOException, InterruptedException {
        ingest.create("/api/cooperatives", Map.of("id", field.cooperative(), "name", name), departmentToken);
        for (FieldPlan.Plot p : field.plots()) {
            var plot = new LinkedHashMap<String, Object>(Map.of(
                    "id", p.id(),
                    "cooperative", field.cooperative(),
                    "name", "Ruộng " + p.id(),
                    "crop", p.rice() ? "rice" : "vegetable",
                    "areaHa", p.areaHa(),
                    "valveFlowLpm", p.valveFlowLpm()));
            String code = codeOf.apply(p.rice());
            if (code != null) plot.put("growingAreaCode", code);
            ingest.create("/api/plots", plot, managerToken);
        }
        for (String device : field.deviceIds()) {
            ingest.create(
                    "/api/devices",
                    Map.of(
                            "id", device,
                            "cooperative", field.cooperative(),
                            "plot", device.substring(0, device.indexOf('-')),
                            "kind", KINDS.get(device.substring(device.indexOf('-') + 1)),
                            "gateway", field.gateway()),
                    managerToken);
        }
    }
}
