package vn.dongxanh.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The small province of a local run: a few cooperatives, each with one gateway and its own
 * field ({@link FieldPlan}). The plots p01…pNN are numbered across the province and dealt out in
 * runs, so each cooperative has rice and vegetables; one simulator grows them all and each
 * gateway's edge agent irrigates its own. In every field of two plots or more the last one
 * speaks CoAP over DTLS.
 */
record ProvincePlan(List<Cooperative> cooperatives, double speed, LocalDate today) {
    /** Cooperative ids and names of the demo province (more than these are numbered). */
    private static final List<List<String>> NAMES = List.of(
            List.of("htx-an-phu", "Hợp tác xã An Phú"),
            List.of("htx-my-hoa", "Hợp tác xã Mỹ Hòa"),
            List.of("htx-tan-loc", "Hợp tác xã Tân Lộc"));

    /** A cooperative, its name (for people) and its gateway's field. */
    record Cooperative(String id, String name, FieldPlan field) {}

    ProvincePlan {
        cooperatives = List.copyOf(cooperatives);
    }

    /**
     * {@code cooperatives} cooperatives sharing {@code plots} plots as evenly as they go (the
     * first ones take the remainder); each cooperative's gateway is gw-01, gw-02, …
     */
    static ProvincePlan of(int cooperatives, int plots, double speed, LocalDate today) {
        if (cooperatives < 1 || plots < cooperatives) {
            throw new IllegalArgumentException(
                    "a province needs a cooperative or more and a plot per cooperative at least, not " + cooperatives
                            + " cooperatives and " + plots + " plots");
        }
        var list = new ArrayList<Cooperative>();
        int next = 1;
        for (int c = 0; c < cooperatives; c++) {
            int count = plots / cooperatives + (c < plots % cooperatives ? 1 : 0);
            String number = String.format("%02d", c + 1);
            String id = c < NAMES.size() ? NAMES.get(c).get(0) : "htx-" + number;
            String name = c < NAMES.size() ? NAMES.get(c).get(1) : "Hợp tác xã số " + number;
            var field = new FieldPlan(id, "gw-" + number, FieldPlan.plots(next, next + count - 1, plots), speed, today);
            list.add(new Cooperative(id, name, field));
            next += count;
        }
        return new ProvincePlan(list, speed, today);
    }

    /** The name of a cooperative of the demo province, for people (its id when not one of them). */
    static String nameOf(String id) {
        return NAMES.stream()
                .filter(n -> n.get(0).equals(id))
                .map(n -> n.get(1))
                .findFirst()
                .orElse("Hợp tác xã " + id);
    }

    List<FieldPlan> fields() {
        return cooperatives.stream().map(Cooperative::field).toList();
    }

    List<String> cooperativeIds() {
        return cooperatives.stream().map(Cooperative::id).toList();
    }

    List<FieldPlan.Plot> plots() {
        return fields().stream().flatMap(f -> f.plots().stream()).toList();
    }

    /** Every simulated device of the province. */
    List<String> deviceIds() {
        return fields().stream().flatMap(f -> f.deviceIds().stream()).toList();
    }

    /** The simulator's {@code --plots} argument: every plot of every field. */
    String simulatorPlots() {
        return String.join(",", fields().stream().map(FieldPlan::simulatorPlots).toList());
    }

    /** The simulator's {@code --coap-plots} argument, field after field. */
    String simulatorCoapPlots() {
        return String.join(
                ",",
                fields().stream()
                        .filter(f -> !f.coapPlots().isEmpty())
                        .map(FieldPlan::simulatorCoapPlots)
                        .toList());
    }

    /** The CoAP devices in the order the simulator gives them ports (field after field). */
    List<String> coapDeviceIds() {
        return fields().stream().flatMap(f -> f.coapDeviceIds().stream()).toList();
    }

    /**
     * The UDP port of {@code field}'s first CoAP device when the simulator's first is
     * {@code firstPort}: after the devices of the fields before it.
     */
    int coapPortOf(FieldPlan field, int firstPort) {
        int port = firstPort;
        for (FieldPlan f : fields()) {
            if (f.equals(field)) return port;
            port += f.coapDeviceIds().size();
        }
        throw new IllegalArgumentException("gateway " + field.gateway() + " is not of this province");
    }
}
