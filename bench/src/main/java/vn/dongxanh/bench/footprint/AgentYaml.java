package vn.dongxanh.bench.footprint;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.field.Crop;
import vn.dongxanh.sim.field.FieldParameters;

/**
 * The edge agent's configuration for the simulated plots: the same plot ids and device ids the
 * simulator uses ({plot}-wl or -sm, -rain, -flow, -valve), the simulator's valve flows, and a
 * spread of rice stages and vegetable groups so that every kind of plot logic runs.
 */
final class AgentYaml {
    private static final List<String> GROUPS = List.of("leafy", "cabbage", "fruiting", "allium", "field");

    private AgentYaml() {}

    static String of(String gateway, String cooperative, String broker, Path outbox, List<PlotSpec> plots) {
        var field = FieldParameters.defaults();
        // crop calendars count days in the agent's default zone
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        var yaml = new StringBuilder();
        yaml.append("gateway: ").append(gateway).append('\n');
        yaml.append("cooperative: ").append(cooperative).append('\n');
        yaml.append("field-broker: ").append(broker).append('\n');
        yaml.append("cloud-broker: ").append(broker).append('\n');
        yaml.append("outbox: { path: '").append(outbox).append("' }\n");
        yaml.append("plots:\n");
        for (int i = 0; i < plots.size(); i++) {
            PlotSpec p = plots.get(i);
            String id = p.id();
            yaml.append("  - id: ").append(id).append('\n');
            yaml.append("    area-ha: ").append(p.areaHa()).append('\n');
            if (p.crop() == Crop.RICE) {
                yaml.append("    crop: rice\n");
                yaml.append("    sowing-date: ")
                        .append(today.minusDays((i * 7L) % 100))
                        .append('\n');
                yaml.append("    water-level: ").append(id).append("-wl\n");
                yaml.append("    valve-flow-lpm: ")
                        .append(field.paddy().valveFlowLpmPerHa() * p.areaHa())
                        .append('\n');
            } else {
                yaml.append("    crop: vegetable\n");
                yaml.append("    crop-group: ")
                        .append(GROUPS.get(i % GROUPS.size()))
                        .append('\n');
                yaml.append("    soil-moisture: ").append(id).append("-sm\n");
                yaml.append("    valve-flow-lpm: ")
                        .append(field.soil().valveFlowLpmPerHa() * p.areaHa())
                        .append('\n');
            }
            yaml.append("    rain: ").append(id).append("-rain\n");
            yaml.append("    flow: ").append(id).append("-flow\n");
            yaml.append("    valve: ").append(id).append("-valve\n");
        }
        return yaml.toString();
    }
}
