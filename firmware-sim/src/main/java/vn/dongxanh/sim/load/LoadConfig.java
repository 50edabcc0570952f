package vn.dongxanh.sim.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.device.SensorParameters;
import vn.dongxanh.sim.field.FieldParameters;

/**
 * What the load mode plays: {@code gateways} gateways of one cooperative, each forwarding the
 * readings of {@code devicesPerGateway} devices × {@code metrics} to the cloud broker as uplink
 * batches of {@code batchReadings} readings. Build one with {@link #builder()}.
 *
 * @param brokerUrl the cloud broker the gateways publish to
 * @param cooperativeId the cooperative of every gateway (topic and envelope)
 * @param gateways how many gateways; ids {@code gw001}, {@code gw002}, …
 * @param devicesPerGateway devices behind each gateway; ids {@code {gateway}-n0001}, …
 * @param metrics what every device reports, in this order
 * @param batchReadings readings per uplink batch
 * @param readingsPerSecond target rate over all gateways; 0 = as fast as the broker takes them
 * @param duration stop after this much time; null = until stopped
 * @param clients MQTT connections; each gateway is published by exactly one of them, so its
 *     batches reach the broker in sequence order
 * @param inFlight unacknowledged QoS 1 publishes per connection
 * @param clientIdPrefix client ids are {@code {prefix}-{n}}; unique per run on a shared broker
 * @param seed makes the devices' field values reproducible
 */
public record LoadConfig(
        String brokerUrl,
        String cooperativeId,
        int gateways,
        int devicesPerGateway,
        List<Metric> metrics,
        int batchReadings,
        double readingsPerSecond,
        Duration duration,
        int clients,
        int inFlight,
        String clientIdPrefix,
        long seed,
        FieldParameters field,
        SensorParameters sensors,
        Duration connectTimeout) {

    public static final String DEFAULT_COOPERATIVE = "load-sim";
    public static final int DEFAULT_GATEWAYS = 50;
    public static final int DEFAULT_DEVICES_PER_GATEWAY = 50;
    public static final List<Metric> DEFAULT_METRICS =
            List.of(Metric.WATER_LEVEL, Metric.SOIL_MOISTURE, Metric.RAIN, Metric.BATTERY);
    public static final int DEFAULT_BATCH = 500;
    public static final int DEFAULT_CLIENTS = 4;
    public static final int DEFAULT_IN_FLIGHT = 10;

    public LoadConfig {
        Objects.requireNonNull(brokerUrl, "broker URL");
        Ids.require("cooperative", cooperativeId);
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(field, "field parameters");
        Objects.requireNonNull(sensors, "sensor parameters");
        Objects.requireNonNull(connectTimeout, "connect timeout");
        Objects.requireNonNull(clientIdPrefix, "client id prefix");
        if (gateways < 1 || gateways > 999) throw new IllegalArgumentException("gateways must be 1..999");
        if (devicesPerGateway < 1 || devicesPerGateway > 9999) {
            throw new IllegalArgumentException("devices per gateway must be 1..9999");
        }
        if (metrics.isEmpty()) throw new IllegalArgumentException("at least one metric is needed");
        if (metrics.size() != metrics.stream().distinct().count()) {
            throw new IllegalArgumentException("a metric is listed twice");
        }
        if (batchReadings < 1) throw new IllegalArgumentException("readings per batch must be ≥ 1");
        if (!(readingsPerSecond >= 0) || Double.isInfinite(readingsPerSecond)) {
            throw new IllegalArgumentException("rate must be a number ≥ 0 (0 = unlimited)");
        }
        if (duration != null && !duration.isPositive()) throw new IllegalArgumentException("duration must be > 0");
        if (clients < 1) throw new IllegalArgumentException("clients must be ≥ 1");
        if (clients > gateways)
            throw new IllegalArgumentException("clients must be ≤ gateways (one gateway, one client)");
        if (inFlight < 1) throw new IllegalArgumentException("in-flight must be ≥ 1");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static String gatewayId(int gateway) {
        return "gw%03d".formatted(gateway + 1);
    }

    /** Device {@code device} (from 0) of gateway {@code gateway} (from 0). */
    public static String deviceId(int gateway, int device) {
        return gatewayId(gateway) + "-n%04d".formatted(device + 1);
    }

    /** The uplink topic of a gateway, as the edge agent publishes it. */
    public String topic(int gateway) {
        return new Topic.GatewayTelemetry(cooperativeId, gatewayId(gateway)).path();
    }

    public int devices() {
        return gateways * devicesPerGateway;
    }

    /** Every device id, gateway by gateway (for registering them with a cloud service). */
    public List<String> deviceIds() {
        var ids = new ArrayList<String>(devices());
        for (int g = 0; g < gateways; g++) {
            for (int d = 0; d < devicesPerGateway; d++) ids.add(deviceId(g, d));
        }
        return ids;
    }

    public boolean unlimited() {
        return readingsPerSecond == 0;
    }

    /** Every field has a default; see {@link LoadConfig}. */
    public static final class Builder {
        private String brokerUrl = SimulationConfig.DEFAULT_BROKER;
        private String cooperativeId = DEFAULT_COOPERATIVE;
        private int gateways = DEFAULT_GATEWAYS;
        private int devicesPerGateway = DEFAULT_DEVICES_PER_GATEWAY;
        private List<Metric> metrics = DEFAULT_METRICS;
        private int batchReadings = DEFAULT_BATCH;
        private double readingsPerSecond = 0;
        private Duration duration;
        private int clients = DEFAULT_CLIENTS;
        private int inFlight = DEFAULT_IN_FLIGHT;
        private String clientIdPrefix;
        private long seed = SimulationConfig.DEFAULT_SEED;
        private FieldParameters field = FieldParameters.defaults();
        private SensorParameters sensors = SensorParameters.defaults();
        private Duration connectTimeout = Duration.ofSeconds(10);

        public Builder broker(String url) {
            this.brokerUrl = url;
            return this;
        }

        public Builder cooperative(String id) {
            this.cooperativeId = id;
            return this;
        }

        public Builder gateways(int n) {
            this.gateways = n;
            return this;
        }

        public Builder devicesPerGateway(int n) {
            this.devicesPerGateway = n;
            return this;
        }

        public Builder metrics(List<Metric> m) {
            this.metrics = m;
            return this;
        }

        public Builder batchReadings(int n) {
            this.batchReadings = n;
            return this;
        }

        /** 0 = unlimited. */
        public Builder readingsPerSecond(double rate) {
            this.readingsPerSecond = rate;
            return this;
        }

        /** null = until stopped. */
        public Builder duration(Duration d) {
            this.duration = d;
            return this;
        }

        public Builder clients(int n) {
            this.clients = n;
            return this;
        }

        public Builder inFlight(int n) {
            this.inFlight = n;
            return this;
        }

        /** Default {@code firmware-sim-load-{cooperative}}. */
        public Builder clientIdPrefix(String prefix) {
            this.clientIdPrefix = prefix;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder field(FieldParameters f) {
            this.field = f;
            return this;
        }

        public Builder sensors(SensorParameters s) {
            this.sensors = s;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public LoadConfig build() {
            return new LoadConfig(
                    brokerUrl,
                    cooperativeId,
                    gateways,
                    devicesPerGateway,
                    metrics,
                    batchReadings,
                    readingsPerSecond,
                    duration,
                    clients,
                    inFlight,
                    clientIdPrefix != null ? clientIdPrefix : "firmware-sim-load-" + cooperativeId,
                    seed,
                    field,
                    sensors,
                    connectTimeout);
        }
    }
}
