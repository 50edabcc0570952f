package vn.dongxanh.edge;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.telemetry.TelemetryLimits;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.config.ConfigException;
import vn.dongxanh.edge.device.CoapDevices;
import vn.dongxanh.edge.device.MqttDevices;
import vn.dongxanh.edge.irrigation.IrrigationControl;
import vn.dongxanh.edge.outbox.Outbox;
import vn.dongxanh.edge.outbox.OutboxWriter;
import vn.dongxanh.edge.outbox.Retention;
import vn.dongxanh.edge.uplink.RequestValidity;
import vn.dongxanh.edge.uplink.Uplink;

/**
 * The field gateway. Assembles the pipeline (device adapters → outbox → uplink) from one
 * configuration file and runs until stopped.
 *
 * <p>Usage: {@code java -jar edge-agent.jar [--config edge-agent.yaml]} (or env DX_EDGE_CONFIG).
 */
public final class EdgeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);

    private final Outbox outbox;
    private final OutboxWriter writer;
    private final Uplink uplink;
    private final MqttDevices mqttDevices;
    private final CoapDevices coapDevices;
    private final IrrigationControl control;
    private final Retention retention;

    public EdgeAgent(AgentConfig config, Clock clock) throws Exception {
        var codec = new TelemetryCodec(clock, TelemetryLimits.DEFAULTS);
        outbox = new Outbox(config.outbox().path(), config.outbox().synchronous(), clock);
        writer = new OutboxWriter(outbox, 10_000);
        retention = new Retention(outbox, config.outbox(), clock);
        // Control comes first: the device adapters feed it, and it answers through the uplink.
        var field = new AtomicReference<MqttDevices>();
        var coap = new AtomicReference<CoapDevices>();
        var cloud = new AtomicReference<Uplink>();
        control = new IrrigationControl(
                config.plots(),
                config.control(),
                clock,
                // a CoAP valve is commanded over CoAP, every other device through the field broker
                command -> coap.get() != null && coap.get().reaches(command.deviceId())
                        ? coap.get().send(command)
                        : field.get() != null && field.get().send(command),
                new IrrigationControl.Reports() {
                    @Override
                    public void event(IrrigationEvent event) {
                        try {
                            outbox.appendEvent(EventCodec.encode(event));
                        } catch (SQLException e) {
                            log.error(
                                    "event {} of plot {} not stored: {}", event.kind(), event.plotId(), e.getMessage());
                        }
                    }

                    @Override
                    public void answer(GatewayAck ack) {
                        if (cloud.get() != null) cloud.get().answer(ack);
                    }
                },
                request -> {
                    try {
                        return outbox.firstSighting(
                                request.requestId(), RequestValidity.until(request), RequestValidity.MEMORY);
                    } catch (SQLException e) {
                        throw new IllegalStateException("outbox: " + e.getMessage(), e);
                    }
                },
                json -> config.withControlChange(json).control());
        ReadingSink intake = (readings, onDurable) -> {
            control.observe(readings);
            writer.accept(readings, onDurable);
        };
        uplink = new Uplink(config, outbox, new UplinkCodec(codec), clock, this::health, control::onRequest);
        cloud.set(uplink);
        mqttDevices = new MqttDevices(
                config.fieldBroker(),
                config.fieldAccess(),
                "edge-" + config.cooperativeId() + "-" + config.gatewayId(),
                config.fieldSessionExpiry(),
                codec,
                config.fieldDevices() == AgentConfig.FieldDevices.PLOTS
                        ? ofDevices(config.plotDevices(), intake)
                        : intake);
        mqttDevices.onCommandAck(control::onDeviceAck);
        field.set(mqttDevices);
        coapDevices = new CoapDevices(config.coapDevices(), codec, intake);
        coapDevices.onCommandAck(control::onDeviceAck);
        coap.set(coapDevices);
        log.info(
                "edge agent {} of cooperative {} running: field broker {}, cloud broker {}, {} CoAP device(s), outbox {}",
                config.gatewayId(),
                config.cooperativeId(),
                config.fieldBroker(),
                config.cloudBroker(),
                config.coapDevices().size(),
                config.outbox().path().toAbsolutePath());
    }

    /**
     * A sink taking only the readings of {@code devices}: on a field broker shared with other
     * gateways, their devices' readings are theirs to forward (acknowledged here, not kept).
     */
    static ReadingSink ofDevices(java.util.Set<String> devices, ReadingSink next) {
        return (readings, onDurable) -> {
            var own = readings.stream()
                    .filter(r -> devices.contains(r.deviceId()))
                    .toList();
            if (own.isEmpty()) {
                onDurable.run();
            } else {
                next.accept(own, onDurable);
            }
        };
    }

    private Map<String, Object> health() {
        var h = new LinkedHashMap<String, Object>();
        h.put(
                "devices_online",
                mqttDevices == null ? 0 : mqttDevices.devicesOnline().size());
        h.put("valves_open", control.valvesOpen());
        h.put("readings_compacted", retention.readingsCompacted());
        return h;
    }

    public IrrigationControl control() {
        return control;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Uplink uplink() {
        return uplink;
    }

    public MqttDevices mqttDevices() {
        return mqttDevices;
    }

    public CoapDevices coapDevices() {
        return coapDevices;
    }

    /** Stops intake first, then lets stored readings rest in the outbox for the next start. */
    @Override
    public void close() throws Exception {
        coapDevices.close();
        mqttDevices.close();
        control.close();
        writer.close();
        retention.close();
        uplink.close();
        outbox.close();
    }

    public static void main(String[] args) throws Exception {
        String configPath = System.getenv("DX_EDGE_CONFIG");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) usage("--config needs a file");
                    configPath = args[++i];
                }
                case "--help", "-h" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        AgentConfig config;
        try {
            config = configPath == null ? AgentConfig.DEFAULTS : AgentConfig.load(Path.of(configPath));
        } catch (ConfigException e) {
            System.err.println("edge-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        var agent = new EdgeAgent(config, Clock.systemUTC());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } catch (Exception e) {
                log.warn("shutdown: {}", e.toString());
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void usage(String error) {
        var out = error == null ? System.out : System.err;
        if (error != null) out.println("edge-agent: " + error);
        out.println("""
                usage: java -jar edge-agent.jar [--config FILE]
                  --config FILE   YAML configuration (default: env DX_EDGE_CONFIG, else built-in defaults)
                Every option of the file is documented in CONFIGURATION.md.""");
        System.exit(error == null ? 0 : 2);
    }
}
