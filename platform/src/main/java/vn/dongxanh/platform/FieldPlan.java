package vn.dongxanh.platform;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The field of one gateway of a local run, told the same way to the simulator (which grows it)
 * and to that gateway's edge agent (which irrigates it): plots pNN, odd ones rice in the
 * tillering stage (AWD), even ones leafy vegetables. A province is several of these
 * ({@link ProvincePlan}).
 */
record FieldPlan(String cooperative, String gateway, List<Plot> plots, double speed, LocalDate today) {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The gateway and cooperative of a one-field plan ({@link #of(int, double, LocalDate)}). */
    static final String GATEWAY = "gw-01";

    static final String COOPERATIVE = "htx-demo";
    private static final double RICE_HA = 2.5;
    private static final double VEGETABLE_HA = 1.0;
    /** Valve flows as the simulator's defaults would give them (L/min per ha). */
    private static final double RICE_FLOW_PER_HA = 8000;

    private static final double VEGETABLE_FLOW_PER_HA = 1500;
    /** Days since sowing of the demo rice: inside tillering, where AWD runs. */
    private static final int RICE_DAYS_SOWN = 30;

    record Plot(String id, boolean rice, double areaHa, double valveFlowLpm) {}

    /** One gateway's field of plots p01…pNN. */
    static FieldPlan of(int count, double speed, LocalDate today) {
        return new FieldPlan(COOPERATIVE, GATEWAY, plots(1, count, count), speed, today);
    }

    /**
     * Plots {@code first}…{@code last} of a numbering up to {@code total} (ids as wide as the
     * largest): odd numbers rice, even ones vegetables.
     */
    static List<Plot> plots(int first, int last, int total) {
        var plots = new ArrayList<Plot>();
        int width = Math.max(2, String.valueOf(total).length());
        for (int i = first; i <= last; i++) {
            boolean rice = i % 2 == 1;
            double area = rice ? RICE_HA : VEGETABLE_HA;
            plots.add(new Plot(
                    "p" + String.format("%0" + width + "d", i),
                    rice,
                    area,
                    area * (rice ? RICE_FLOW_PER_HA : VEGETABLE_FLOW_PER_HA)));
        }
        return List.copyOf(plots);
    }

    /** When this field's rice was sown (its edge agent's {@code sowing-date}). */
    LocalDate riceSowingDate() {
        return today.minusDays(RICE_DAYS_SOWN);
    }

    /** The simulator's {@code --plots} argument. */
    String simulatorPlots() {
        var parts = new ArrayList<String>();
        for (Plot p : plots) {
            parts.add(p.id() + ":" + (p.rice() ? "rice" : "vegetable") + ":" + p.areaHa() + ":" + p.valveFlowLpm());
        }
        return String.join(",", parts);
    }

    /**
     * Plots whose devices speak CoAP over DTLS rather than MQTT: the last one, when there are two
     * or more, so that every run shows both transports. docs/security-coap.md.
     */
    List<Plot> coapPlots() {
        return plots.size() < 2 ? List.of() : List.of(plots.getLast());
    }

    /** The simulator's {@code --coap-plots} argument. */
    String simulatorCoapPlots() {
        return String.join(",", coapPlots().stream().map(Plot::id).toList());
    }

    /**
     * The CoAP devices' ids in the order the simulator gives them ports (field sensor, rain
     * gauge, flow meter, valve; its {@code DeviceKind.forCrop}), the first on {@code --coap-port}.
     */
    List<String> coapDeviceIds() {
        return devicesOf(coapPlots());
    }

    /** Every device the simulator runs for these plots (the ids {@code {plot}-wl|sm, -rain, -flow, -valve}). */
    List<String> deviceIds() {
        return devicesOf(plots);
    }

    private static List<String> devicesOf(List<Plot> plots) {
        var ids = new ArrayList<String>();
        for (Plot p : plots) {
            ids.add(p.id() + (p.rice() ? "-wl" : "-sm"));
            ids.add(p.id() + "-rain");
            ids.add(p.id() + "-flow");
            ids.add(p.id() + "-valve");
        }
        return ids;
    }

    /**
     * The edge agent's configuration with the CoAP devices too: each {@code coaps://} on its
     * port from {@code firstPort} up, its key in {@code credentials} (never in the YAML).
     */
    String edgeConfig(String fieldUrl, String cloudUrl, Path outbox, String coapHost, int firstPort, Path credentials) {
        var yaml = new StringBuilder(edgeConfig(fieldUrl, cloudUrl, outbox));
        if (coapPlots().isEmpty()) return yaml.toString();
        yaml.append("coap-credentials: ").append(credentials).append('\n');
        yaml.append("coap-devices:\n");
        int port = firstPort;
        for (String id : coapDeviceIds()) {
            yaml.append("  - { uri: 'coaps://")
                    .append(coapHost)
                    .append(':')
                    .append(port++)
                    .append("/telemetry', device: ")
                    .append(id)
                    .append(" }\n");
        }
        return yaml.toString();
    }

    /** The edge agent's configuration file for these plots, one broker for both sides. */
    String edgeConfig(String mqttUrl, Path outbox) {
        return edgeConfig(mqttUrl, mqttUrl, outbox);
    }

    /** The edge agent's configuration file for these plots. */
    String edgeConfig(String fieldUrl, String cloudUrl, Path outbox) {
        var yaml = new StringBuilder("""
                # written by the platform launcher for this run (CONFIGURATION.md explains every key)
                gateway: %7$s
                cooperative: %8$s
                field-broker: %1$s
                # the run's field broker carries every cooperative's devices: forward only this field's
                field-devices: plots
                cloud-broker: %6$s
                outbox:
                  path: %2$s
                control:
                  rice:
                    # the simulator runs %3$s× faster than the clock, so a level moves %3$s× faster
                    # between readings than a real field could; widen the jump check to match
                    plausible: { max-jump: %4$s }
                  vegetable:
                    plausible: { max-jump: %5$s }
                plots:
                """.formatted(
                        fieldUrl,
                        outbox,
                        speed,
                        5 * Math.max(1, speed),
                        Math.min(1, 0.15 * Math.max(1, speed)),
                        cloudUrl,
                        gateway,
                        cooperative));
        for (Plot p : plots) {
            yaml.append("  - id: ").append(p.id()).append('\n');
            yaml.append("    crop: ").append(p.rice() ? "rice" : "vegetable").append('\n');
            if (p.rice()) {
                yaml.append("    sowing-date: ").append(riceSowingDate()).append('\n');
                yaml.append("    water-level: ").append(p.id()).append("-wl\n");
            } else {
                yaml.append("    crop-group: leafy\n");
                yaml.append("    soil-moisture: ").append(p.id()).append("-sm\n");
            }
            yaml.append("    area-ha: ").append(p.areaHa()).append('\n');
            yaml.append("    rain: ").append(p.id()).append("-rain\n");
            yaml.append("    flow: ").append(p.id()).append("-flow\n");
            yaml.append("    valve: ").append(p.id()).append("-valve\n");
            yaml.append("    valve-flow-lpm: ").append(p.valveFlowLpm()).append('\n');
        }
        return yaml.toString();
    }
}
