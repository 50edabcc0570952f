package vn.dongxanh.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.dongxanh.sim.coap.CoapSecurity;
import vn.dongxanh.sim.device.DeviceKind;
import vn.dongxanh.sim.device.Fault;
import vn.dongxanh.sim.device.SensorParameters;
import vn.dongxanh.sim.device.ValveParameters;
import vn.dongxanh.sim.field.Crop;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.mqtt.DeviceCredentials;

/**
 * Everything a {@link Simulation} needs. Build one with {@link #builder()}; every field has a
 * default except the plots.
 *
 * @param brokerUrl field broker for MQTT devices, e.g. {@code tcp://127.0.0.1:1883}
 * @param plots the plots; each carries its devices (see {@link DeviceKind#forCrop(Crop)})
 * @param interval real time between two reports of a device
 * @param speed field time runs this many times faster than wall time (physics only)
 * @param seed makes weather, initial states, noise and timing offsets reproducible
 * @param coapPlots ids of plots whose devices speak CoAP instead of MQTT
 * @param coapHost address the CoAP servers bind to
 * @param coapPort first UDP port of the CoAP devices (consecutive ports follow); 0 = free ports
 * @param recordFile where to append every delivered reading as a JSON line; null = nowhere
 * @param faults injected faults
 * @param connectTimeout how long to wait for the broker when connecting and closing
 * @param wallClock the wall clock (system UTC unless a test says otherwise)
 * @param coapSecurity DTLS keys of the CoAP devices, or plain CoAP explicitly; needed when there
 *     are CoAP plots, else null
 * @param mqttCredentials how MQTT devices log in to a secured field broker (anonymous by default)
 */
public record SimulationConfig(
        String brokerUrl,
        List<PlotSpec> plots,
        Duration interval,
        double speed,
        long seed,
        Set<String> coapPlots,
        String coapHost,
        int coapPort,
        Path recordFile,
        List<Fault> faults,
        FieldParameters field,
        SensorParameters sensors,
        ValveParameters valve,
        Duration connectTimeout,
        Clock wallClock,
        CoapSecurity coapSecurity,
        DeviceCredentials mqttCredentials) {

    public static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_RICE_AREA_HA = 2.5;
    public static final double DEFAULT_VEGETABLE_AREA_HA = 1.0;

    public SimulationConfig {
        plots = List.copyOf(plots);
        coapPlots = Set.copyOf(coapPlots);
        faults = List.copyOf(faults);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(field, "field parameters");
        Objects.requireNonNull(sensors, "sensor parameters");
        Objects.requireNonNull(valve, "valve parameters");
        Objects.requireNonNull(connectTimeout, "connect timeout");
        Objects.requireNonNull(wallClock, "wall clock");
        if (mqttCredentials == null) mqttCredentials = DeviceCredentials.NONE;
        Objects.requireNonNull(coapHost, "CoAP host");
        if (plots.isEmpty()) throw new IllegalArgumentException("at least one plot is needed");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0");
        if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be > 0");
        if (coapPort < 0 || coapPort > 65535) throw new IllegalArgumentException("CoAP port must be 0..65535");
        Set<String> ids = new HashSet<>();
        Set<String> devices = new HashSet<>();
        for (PlotSpec p : plots) {
            if (!ids.add(p.id())) throw new IllegalArgumentException("plot " + p.id() + " is listed twice");
            for (DeviceKind k : DeviceKind.forCrop(p.crop())) devices.add(k.deviceId(p.id()));
        }
        for (String c : coapPlots) {
            if (!ids.contains(c)) throw new IllegalArgumentException("CoAP plot " + c + " is not one of the plots");
        }
        for (Fault f : faults) {
            if (!devices.contains(f.deviceId())) {
                throw new IllegalArgumentException("fault names device " + f.deviceId()
                        + ", which is not simulated (devices are {plot}-wl, -sm, -rain, -flow, -valve)");
            }
        }
        checkCoapSecurity(plots, coapPlots, coapSecurity);
        boolean anyMqtt = !coapPlots.containsAll(ids);
        if (anyMqtt && (brokerUrl == null || brokerUrl.isBlank())) {
            throw new IllegalArgumentException("a broker URL is needed for MQTT devices");
        }
    }

    /** Every CoAP device has its key, unless plain CoAP was asked for. */
    private static void checkCoapSecurity(List<PlotSpec> plots, Set<String> coapPlots, CoapSecurity security) {
        if (coapPlots.isEmpty()) return;
        if (security == null) {
            throw new IllegalArgumentException("CoAP devices need their DTLS pre-shared keys (--coap-psk FILE) or,"
                    + " for tests only, an explicit --coap-insecure");
        }
        if (!security.dtls()) return;
        for (String id : coapDeviceIds(plots, coapPlots)) {
            if (security.keyOf(id).isEmpty()) {
                throw new IllegalArgumentException("CoAP device " + id + " has no key in " + security.source()
                        + "; add a line '" + id + " IDENTITY KEY-HEX' (docs/security-coap.md)");
            }
        }
    }

    /** Ids of the devices of these CoAP plots, in plot order. */
    public static List<String> coapDeviceIds(List<PlotSpec> plots, Set<String> coapPlots) {
        var out = new ArrayList<String>();
        for (PlotSpec p : plots) {
            if (!coapPlots.contains(p.id())) continue;
            for (DeviceKind k : DeviceKind.forCrop(p.crop())) out.add(k.deviceId(p.id()));
        }
        return out;
    }

    /** Plots p01…pNN alternating rice and vegetable, with the default areas. */
    public static List<PlotSpec> generatedPlots(int count) {
        return generatedPlots("p", count);
    }

    /** Plots {prefix}01…{prefix}NN alternating rice and vegetable, with the default areas. */
    public static List<PlotSpec> generatedPlots(String prefix, int count) {
        if (count < 1) throw new IllegalArgumentException("plot count must be ≥ 1");
        int width = Math.max(2, String.valueOf(count).length());
        var plots = new ArrayList<PlotSpec>(count);
        for (int i = 1; i <= count; i++) {
            String id = prefix + String.format("%0" + width + "d", i);
            boolean rice = i % 2 == 1;
            plots.add(new PlotSpec(
                    id, rice ? Crop.RICE : Crop.VEGETABLE, rice ? DEFAULT_RICE_AREA_HA : DEFAULT_VEGETABLE_AREA_HA));
        }
        return plots;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .broker(brokerUrl)
                .plots(plots)
                .interval(interval)
                .speed(speed)
                .seed(seed)
                .coapPlots(coapPlots)
                .coapHost(coapHost)
                .coapPort(coapPort)
                .record(recordFile)
                .faults(faults)
                .field(field)
                .sensors(sensors)
                .valve(valve)
                .connectTimeout(connectTimeout)
                .wallClock(wallClock)
                .coapSecurity(coapSecurity)
                .mqttCredentials(mqttCredentials);
    }

    /** Mutable builder with the defaults of the command line. */
    public static final class Builder {
        private String brokerUrl = DEFAULT_BROKER;
        private List<PlotSpec> plots = List.of();
        private Duration interval = DEFAULT_INTERVAL;
        private double speed = 1;
        private long seed = DEFAULT_SEED;
        private Set<String> coapPlots = Set.of();
        private String coapHost = "127.0.0.1";
        private int coapPort;
        private Path recordFile;
        private List<Fault> faults = List.of();
        private FieldParameters field = FieldParameters.defaults();
        private SensorParameters sensors = SensorParameters.defaults();
        private ValveParameters valve = ValveParameters.defaults();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Clock wallClock = Clock.systemUTC();
        private CoapSecurity coapSecurity;
        private DeviceCredentials mqttCredentials = DeviceCredentials.NONE;

        public Builder broker(String url) {
            this.brokerUrl = url;
            return this;
        }

        public Builder plots(List<PlotSpec> plots) {
            this.plots = plots;
            return this;
        }

        public Builder plots(PlotSpec... plots) {
            return plots(List.of(plots));
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder coapPlots(Set<String> plotIds) {
            this.coapPlots = plotIds;
            return this;
        }

        public Builder coapHost(String host) {
            this.coapHost = host;
            return this;
        }

        public Builder coapPort(int firstPort) {
            this.coapPort = firstPort;
            return this;
        }

        public Builder record(Path file) {
            this.recordFile = file;
            return this;
        }

        public Builder faults(List<Fault> faults) {
            this.faults = faults;
            return this;
        }

        public Builder field(FieldParameters field) {
            this.field = field;
            return this;
        }

        public Builder sensors(SensorParameters sensors) {
            this.sensors = sensors;
            return this;
        }

        public Builder valve(ValveParameters valve) {
            this.valve = valve;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder wallClock(Clock clock) {
            this.wallClock = clock;
            return this;
        }

        /** DTLS keys of the CoAP devices, or {@link CoapSecurity#insecure()}. */
        public Builder coapSecurity(CoapSecurity security) {
            this.coapSecurity = security;
            return this;
        }

        public Builder mqttCredentials(DeviceCredentials credentials) {
            this.mqttCredentials = credentials;
            return this;
        }

        public SimulationConfig build() {
            return new SimulationConfig(
                    brokerUrl,
                    plots,
                    interval,
                    speed,
                    seed,
                    coapPlots,
                    coapHost,
                    coapPort,
                    recordFile,
                    faults,
                    field,
                    sensors,
                    valve,
                    connectTimeout,
                    wallClock,
                    coapSecurity,
                    mqttCredentials);
        }
    }
}
