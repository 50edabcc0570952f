package vn.dongxanh.sim;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.sim.coap.CoapDeviceLink;
import vn.dongxanh.sim.device.DeviceKind;
import vn.dongxanh.sim.device.DeviceLink;
import vn.dongxanh.sim.device.DeviceRunner;
import vn.dongxanh.sim.device.FlowMeter;
import vn.dongxanh.sim.device.RainGauge;
import vn.dongxanh.sim.device.SimDevice;
import vn.dongxanh.sim.device.SoilMoistureNode;
import vn.dongxanh.sim.device.ValveController;
import vn.dongxanh.sim.device.WaterLevelNode;
import vn.dongxanh.sim.field.Field;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.field.PaddyField;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;
import vn.dongxanh.sim.field.SoilPlot;
import vn.dongxanh.sim.field.Weather;
import vn.dongxanh.sim.mqtt.MqttDeviceLink;

/**
 * A running set of simulated plots and their devices. Usable in-process:
 *
 * <pre>{@code
 * try (var sim = new Simulation(SimulationConfig.builder()
 *         .broker(url).plots(PlotSpec.parse("p01:rice:2.5")).interval(Duration.ofMillis(200)).build())) {
 *     sim.start();
 *     sim.devices();                 // ids, kinds, transports, CoAP URIs
 *     sim.plotState("p01");          // the true, noise-free state
 * }
 * }</pre>
 */
public final class Simulation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    private final SimulationConfig config;
    private final TelemetryCodec codec = new TelemetryCodec();
    private final Map<String, PlotModel> plots = new LinkedHashMap<>();
    private final Map<String, DeviceRunner> runners = new LinkedHashMap<>();
    private final List<DeviceInfo> devices = new ArrayList<>();
    private SimClock clock;
    private Recorder recorder = Recorder.none();
    private ScheduledExecutorService executor;
    private ScheduledExecutorService coapExecutor;
    private boolean started;
    private boolean closed;

    public Simulation(SimulationConfig config) {
        this.config = config;
    }

    public SimulationConfig config() {
        return config;
    }

    /**
     * Builds the plots, connects every MQTT device (waiting for each online state to be
     * published), starts the CoAP servers and the report schedules.
     *
     * @throws IllegalStateException when a device cannot connect; nothing is left running
     */
    public synchronized Simulation start() {
        if (started) throw new IllegalStateException("simulation already started");
        started = true;
        try {
            build();
            connect();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        Duration interval = config.interval();
        var offsets = new SplittableRandom(Seeds.derive(config.seed(), "offsets"));
        for (DeviceRunner r : runners.values()) {
            // Spread devices over the interval so they do not all publish at the same instant.
            Duration first = Duration.ofNanos((long) (offsets.nextDouble() * interval.toNanos()));
            r.start(executor, interval, first);
        }
        log.info(
                "simulating {} plots, {} devices, report every {}, field time ×{}",
                plots.size(),
                runners.size(),
                Durations.format(interval),
                config.speed());
        return this;
    }

    private void build() {
        clock = new SimClock(config.wallClock(), config.speed());
        if (config.recordFile() != null) recorder = Recorder.toFile(config.recordFile());
        executor = Executors.newScheduledThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors()), daemonThreads("sim"));
        if (!config.coapPlots().isEmpty()) {
            coapExecutor = Executors.newScheduledThreadPool(2, daemonThreads("sim-coap"));
        }
        FieldParameters fp = config.field();
        var weather = new Weather(fp.rain(), Seeds.derive(config.seed(), "weather"), clock.fieldNow());
        int nextCoapPort = config.coapPort();
        for (PlotSpec spec : config.plots()) {
            var random = new SplittableRandom(Seeds.derive(config.seed(), "plot:" + spec.id()));
            PlotModel plot = new PlotModel(spec.id(), field(spec, fp, random), weather, clock.fieldNow());
            plots.put(spec.id(), plot);
            boolean coap = config.coapPlots().contains(spec.id());
            for (DeviceKind kind : DeviceKind.forCrop(spec.crop())) {
                SimDevice device = device(kind, plot);
                DeviceLink link;
                URI coapUri = null;
                if (coap) {
                    int port = nextCoapPort == 0 ? 0 : nextCoapPort++;
                    var psk = config.coapSecurity().keyOf(device.id()).orElse(null);
                    var c = new CoapDeviceLink(
                            device, config.coapHost(), port, psk, codec, recorder, clock, coapExecutor);
                    link = c;
                } else {
                    link = new MqttDeviceLink(
                            config.brokerUrl(),
                            config.mqttCredentials(),
                            device,
                            codec,
                            recorder,
                            clock,
                            executor,
                            config.connectTimeout());
                }
                var runner = new DeviceRunner(device, link, config.faults(), clock);
                runners.put(device.id(), runner);
                if (device instanceof ValveController valve) {
                    valve.onStateChange(() -> executor.execute(runner::report));
                }
                if (link instanceof CoapDeviceLink c) {
                    // Observers get a report from the first request on.
                    runner.report();
                    c.start();
                    coapUri = c.baseUri();
                    log.info("coap device {} at {}", device.id(), c.telemetryUri());
                }
                devices.add(
                        new DeviceInfo(device.id(), spec.id(), kind, coap ? Transport.COAP : Transport.MQTT, coapUri));
            }
        }
    }

    private static Field field(PlotSpec spec, FieldParameters fp, SplittableRandom random) {
        double jitter = 2 * random.nextDouble() - 1;
        return switch (spec.crop()) {
            case RICE -> {
                var p = fp.paddy();
                double flow = spec.valveFlowLpm() > 0 ? spec.valveFlowLpm() : p.valveFlowLpmPerHa() * spec.areaHa();
                yield new PaddyField(p, spec.areaHa(), flow, p.initialLevelCm() + jitter * p.initialSpreadCm());
            }
            case VEGETABLE -> {
                var s = fp.soil();
                double flow = spec.valveFlowLpm() > 0 ? spec.valveFlowLpm() : s.valveFlowLpmPerHa() * spec.areaHa();
                yield new SoilPlot(s, spec.areaHa(), flow, s.initialMoisture() + jitter * s.initialSpread());
            }
        };
    }

    private SimDevice device(DeviceKind kind, PlotModel plot) {
        var random = new SplittableRandom(Seeds.derive(config.seed(), "device:" + kind.deviceId(plot.plotId())));
        var sensors = config.sensors();
        return switch (kind) {
            case WATER_LEVEL ->
                new WaterLevelNode(plot, clock, sensors, config.field().paddy(), random);
            case SOIL_MOISTURE -> new SoilMoistureNode(plot, clock, sensors, random);
            case RAIN_GAUGE -> new RainGauge(plot, clock, sensors, random);
            case FLOW_METER -> new FlowMeter(plot, clock, sensors, random);
            case VALVE -> new ValveController(plot, clock, sensors, config.valve(), executor, random);
        };
    }

    /** Connects the MQTT devices in parallel; a broker that does not answer fails the start. */
    private void connect() {
        var links = runners.values().stream()
                .map(DeviceRunner::link)
                .filter(MqttDeviceLink.class::isInstance)
                .map(MqttDeviceLink.class::cast)
                .toList();
        if (links.isEmpty()) return;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<?>>();
            for (MqttDeviceLink l : links) futures.add(pool.submit(l::connect));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while connecting devices", e);
                }
            }
        }
        log.info("{} MQTT devices connected to {}", links.size(), config.brokerUrl());
    }

    /** Every simulated device, in plot order. */
    public synchronized List<DeviceInfo> devices() {
        return Collections.unmodifiableList(new ArrayList<>(devices));
    }

    /** The device with this id, if simulated. */
    public synchronized Optional<SimDevice> device(String deviceId) {
        return Optional.ofNullable(runners.get(deviceId)).map(DeviceRunner::device);
    }

    /** The valve controller with this id. */
    public ValveController valve(String deviceId) {
        return device(deviceId)
                .filter(ValveController.class::isInstance)
                .map(ValveController.class::cast)
                .orElseThrow(() -> new IllegalArgumentException("no valve controller " + deviceId));
    }

    /** The true (noise-free) state of a plot now. */
    public PlotState plotState(String plotId) {
        PlotModel plot;
        synchronized (this) {
            plot = plots.get(plotId);
        }
        if (plot == null) throw new IllegalArgumentException("no plot " + plotId);
        return plot.syncTo(clock.fieldNow());
    }

    /** Device id → {@code coap://host:port/telemetry} of every CoAP device. */
    public synchronized Map<String, URI> coapTelemetryUris() {
        var out = new LinkedHashMap<String, URI>();
        for (DeviceInfo d : devices) {
            if (d.transport() == Transport.COAP) out.put(d.deviceId(), d.coapTelemetryUri());
        }
        return out;
    }

    /** Valve device id → {@code coap://host:port/valve} of every CoAP valve controller. */
    public synchronized Map<String, URI> coapValveUris() {
        var out = new LinkedHashMap<String, URI>();
        for (DeviceInfo d : devices) {
            if (d.transport() == Transport.COAP && d.kind() == DeviceKind.VALVE) {
                out.put(d.deviceId(), d.coapUri().resolve("/valve"));
            }
        }
        return out;
    }

    /** Reports a device has handed to its link so far. */
    public synchronized long reports(String deviceId) {
        DeviceRunner r = runners.get(deviceId);
        if (r == null) throw new IllegalArgumentException("no device " + deviceId);
        return r.reports();
    }

    /** The simulation's clocks (field time and wall time). */
    public SimClock clock() {
        return clock;
    }

    /**
     * Stops reporting, publishes every MQTT device's retained offline state, disconnects cleanly
     * and stops the CoAP servers. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        runners.values().forEach(DeviceRunner::stop);
        runners.values().stream()
                .map(DeviceRunner::device)
                .filter(ValveController.class::isInstance)
                .forEach(v -> ((ValveController) v).stop());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DeviceRunner r : runners.values()) {
                pool.submit(() -> {
                    try {
                        r.link().close();
                    } catch (RuntimeException e) {
                        log.warn("{}: close failed: {}", r.device().id(), e.getMessage());
                    }
                });
            }
        }
        if (executor != null) executor.shutdownNow();
        if (coapExecutor != null) coapExecutor.shutdownNow();
        recorder.close();
        if (!runners.isEmpty()) log.info("simulation stopped; {} devices said goodbye", runners.size());
    }

    private static ThreadFactory daemonThreads(String name) {
        var n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
