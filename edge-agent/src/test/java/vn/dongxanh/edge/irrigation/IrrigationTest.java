package vn.dongxanh.edge.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.devkit.Retained;
import vn.dongxanh.edge.EdgeAgent;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.device.Fault;
import vn.dongxanh.sim.field.Crop;
import vn.dongxanh.sim.field.FieldParameters;

/**
 * Irrigation control over real parts: firmware-sim paddies on the broker, the edge agent
 * controlling their valves. The simulator runs an hour of field per second.
 */
class IrrigationTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final double SPEED = 3600;

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final List<IrrigationEvent> events = new CopyOnWriteArrayList<>();
    private final List<GatewayAck> acks = new CopyOnWriteArrayList<>();
    private String broker;
    private MqttListener cloud;
    private volatile boolean gatewayOnline;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    /** A rice plot of the agent's configuration, sown so that today is {@code das} days after sowing. */
    private static String ricePlot(String id, int das, double flowLpm) {
        return """
                  - id: %1$s
                    crop: rice
                    area-ha: 1.0
                    sowing-date: %2$s
                    water-level: %1$s-wl
                    rain: %1$s-rain
                    flow: %1$s-flow
                    valve: %1$s-valve
                    valve-flow-lpm: %3$s
                """.formatted(id, LocalDate.now(ZONE).minusDays(das), flowLpm);
    }

    private EdgeAgent agent(String plots, String control) throws Exception {
        String yaml = """
                gateway: gw-%1$s
                cooperative: htx-irr
                field-broker: %2$s
                cloud-broker: %2$s
                field-session-expiry: 30s
                outbox: { path: %3$s, linger: 100ms }
                uplink: { health-interval: 1s }
                plots:
                %4$s
                control:
                  commands: { ack-timeout: 2s }
                  rice:
                    # the field moves an hour per second here: a real sensor never jumps like that
                    plausible: { max-jump: 100 }
                %5$s
                """.formatted(run, broker, dir.resolve("outbox.db"), plots, control);
        var agent = new EdgeAgent(AgentConfig.fromYaml(yaml), Clock.systemUTC());
        closeAfter.add(agent);
        return agent;
    }

    private Simulation simulate(List<vn.dongxanh.sim.PlotSpec> plots, double startLevelCm, List<Fault> faults) {
        // registered before the simulation, so it runs after the simulation closed
        var states = new ArrayList<String>();
        for (var plot : plots) {
            for (String kind : List.of("wl", "sm", "rain", "flow", "valve")) {
                states.add(new Topic.DeviceState(plot.id() + "-" + kind).path());
            }
        }
        closeAfter.add(() -> Retained.clear(broker, states));
        var field = FieldParameters.defaults();
        var p = field.paddy();
        field = field.withPaddy(new FieldParameters.Paddy(
                        p.etMmPerDay(),
                        p.seepagePercolationMmPerDay(),
                        p.drainablePorosity(),
                        p.bundHeightCm(),
                        p.floorCm(),
                        startLevelCm,
                        0,
                        p.valveFlowLpmPerHa()))
                .withRain(new FieldParameters.Rain(0, 12, 2));
        var sim = new Simulation(SimulationConfig.builder()
                        .broker(broker)
                        .plots(plots)
                        .interval(Duration.ofMillis(200))
                        .speed(SPEED)
                        .seed(11)
                        .field(field)
                        .faults(faults)
                        .build())
                .start();
        closeAfter.add(sim);
        return sim;
    }

    private void listenToCloud() throws MqttException {
        closeAfter.add(() -> Retained.clear(broker, List.of(new Topic.GatewayState("htx-irr", "gw-" + run).path())));
        String eventsTopic = new Topic.GatewayEvents("htx-irr", "gw-" + run).path();
        String ackTopic = new Topic.GatewayCommandAck("htx-irr", "gw-" + run).path();
        String stateTopic = new Topic.GatewayState("htx-irr", "gw-" + run).path();
        cloud = MqttListener.listen(
                broker,
                "cloud-irr-" + run,
                (topic, m) -> {
                    if (topic.equals(eventsTopic)) events.add(EventCodec.decode(m.getPayload()));
                    if (topic.equals(ackTopic)) acks.add(GatewayRequestCodec.decodeAck(m.getPayload()));
                    if (topic.equals(stateTopic) && m.getPayload().length > 0) {
                        gatewayOnline = vn.dongxanh.contract.Json.MAPPER
                                .readTree(m.getPayload())
                                .path("online")
                                .asBoolean();
                    }
                },
                eventsTopic,
                ackTopic,
                stateTopic);
        closeAfter.add(cloud);
    }

    private List<IrrigationEvent> eventsOf(String plot, IrrigationEvent.Kind kind) {
        return events.stream()
                .filter(e -> e.plotId().equals(plot) && e.kind() == kind)
                .toList();
    }

    @Test
    void awdCyclesInTilleringHoldsTheFloodInFloweringAndNeverWatersWhileDraining() throws Exception {
        broker = LocalServices.mqttUrl();
        listenToCloud();
        String tillering = "t" + run;
        String flowering = "f" + run;
        String draining = "d" + run;
        agent(ricePlot(tillering, 30, 8000) + ricePlot(flowering, 70, 8000) + ricePlot(draining, 95, 8000), "");
        var sim = simulate(
                List.of(
                        new vn.dongxanh.sim.PlotSpec(tillering, Crop.RICE, 1.0, 8000),
                        new vn.dongxanh.sim.PlotSpec(flowering, Crop.RICE, 1.0, 8000),
                        new vn.dongxanh.sim.PlotSpec(draining, Crop.RICE, 1.0, 8000)),
                -13.5,
                List.of());

        // Tillering (AWD): dries to the safe threshold, is re-flooded to +5 cm, then closed.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !eventsOf(tillering, IrrigationEvent.Kind.STOP).isEmpty());
        var start = eventsOf(tillering, IrrigationEvent.Kind.START).getFirst();
        assertThat(start.reason()).isEqualTo("BELOW_START_LEVEL");
        assertThat(start.readings().get("water_level")).isLessThanOrEqualTo(-15.0);
        var stop = eventsOf(tillering, IrrigationEvent.Kind.STOP).getFirst();
        assertThat(stop.reason()).isEqualTo("REACHED_STOP_LEVEL");
        assertThat(stop.readings().get("water_level")).isGreaterThanOrEqualTo(5.0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sim.plotState(tillering).valveOpen());

        // Flowering (flood hold): refilled at once from -13.5 cm, far above the AWD threshold.
        var floodStart = eventsOf(flowering, IrrigationEvent.Kind.START).getFirst();
        assertThat(floodStart.readings().get("water_level")).isGreaterThan(-15.0);
        assertThat(floodStart.detail()).contains("flowering");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !eventsOf(flowering, IrrigationEvent.Kind.STOP).isEmpty());
        assertThat(sim.plotState(flowering).waterLevelCm()).isGreaterThan(2.0);

        // Pre-harvest drain: let it fall well below the AWD threshold; it is never watered.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sim.plotState(draining).waterLevelCm() < -17.0);
        assertThat(eventsOf(draining, IrrigationEvent.Kind.START)).isEmpty();
        assertThat(sim.plotState(draining).valveOpen()).isFalse();
    }

    @Test
    void closesTheValveWhenItsSensorFallsSilentAndRefusesUnsafeCommands() throws Exception {
        broker = LocalServices.mqttUrl();
        listenToCloud();
        String plot = "s" + run;
        // a slow valve, so the field is still filling when the sensor goes quiet
        String pumpPlot = ricePlot(plot, 30, 1000) + "    pump: " + plot + "-pump\n";
        agent(pumpPlot, "    plausible: { max-jump: 100, silent-after: 2s }");
        var sim = simulate(
                List.of(new vn.dongxanh.sim.PlotSpec(plot, Crop.RICE, 1.0, 1000)),
                -14.5,
                List.of(Fault.parse("silent:" + plot + "-wl@6s")));

        await().atMost(Duration.ofSeconds(20)).until(() -> sim.plotState(plot).valveOpen());
        Instant opened = Instant.now();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(plot, IrrigationEvent.Kind.ALARM).stream()
                        .anyMatch(e -> e.reason().equals("SENSOR_SILENT")));
        await().atMost(Duration.ofSeconds(5)).until(() -> !sim.plotState(plot).valveOpen());
        assertThat(sim.plotState(plot).waterLevelCm())
                .as("closed for safety, not because the field was full")
                .isLessThan(5);
        assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(20));

        String cmd = new Topic.GatewayCommand("htx-irr", "gw-" + run).path();
        await().atMost(Duration.ofSeconds(10)).until(() -> gatewayOnline);
        Instant now = Instant.now();
        var tooLong = new GatewayRequest.Valve(
                "r-long-" + run,
                ValveCommand.open("c-long-" + run, plot + "-valve", Duration.ofHours(10), now, Duration.ofMinutes(1)));
        var pumpAlone = new GatewayRequest.Valve(
                "r-pump-" + run,
                ValveCommand.open("c-pump-" + run, plot + "-pump", Duration.ofMinutes(10), now, Duration.ofMinutes(1)));
        var unknown = new GatewayRequest.Valve(
                "r-unk-" + run,
                ValveCommand.open("c-unk-" + run, "nowhere-valve", Duration.ofMinutes(10), now, Duration.ofMinutes(1)));
        for (var r : List.of(tooLong, pumpAlone, unknown)) cloud.publish(cmd, GatewayRequestCodec.encode(r));
        await().atMost(Duration.ofSeconds(10)).until(() -> acks.size() >= 3);
        assertThat(acks).allSatisfy(a -> assertThat(a.result()).isEqualTo(GatewayAck.Result.REFUSED));
        assertThat(ack("r-long-" + run).reason()).contains("exceeds the limit");
        assertThat(ack("r-pump-" + run).reason()).contains("may run only while valve");
        assertThat(ack("r-unk-" + run).reason()).contains("unknown valve or pump");
        assertThat(sim.plotState(plot).valveOpen()).isFalse();
    }

    private GatewayAck ack(String requestId) {
        return acks.stream()
                .filter(a -> a.requestId().equals(requestId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void followsTheCooperativesOverridesSchedulesAndSettings() throws Exception {
        broker = LocalServices.mqttUrl();
        listenToCloud();
        String plot = "o" + run;
        agent(ricePlot(plot, 30, 8000), "");
        String cmd = new Topic.GatewayCommand("htx-irr", "gw-" + run).path();
        await().atMost(Duration.ofSeconds(10)).until(() -> gatewayOnline); // it listens for requests now
        Instant until = Instant.now().plusSeconds(6);
        send(cmd, new GatewayRequest.Override("r-hold-" + run, plot, GatewayRequest.Override.State.CLOSED, until));
        send(cmd, new GatewayRequest.ControlChange("r-set-" + run, "{\"rice\":{\"max-run-time\":\"30m\"}}"));
        send(cmd, new GatewayRequest.ControlChange("r-bad-" + run, "{\"supply\":{\"max-open-valves\":0}}"));
        send(
                cmd,
                new GatewayRequest.Schedule(
                        "r-nowhere-" + run, "x" + run, Instant.now(), Duration.ofMinutes(5), until));
        await().atMost(Duration.ofSeconds(10)).until(() -> acks.size() >= 4);
        assertThat(ack("r-hold-" + run).result()).isEqualTo(GatewayAck.Result.APPLIED);
        assertThat(ack("r-set-" + run).result()).isEqualTo(GatewayAck.Result.APPLIED);
        assertThat(ack("r-bad-" + run).result()).isEqualTo(GatewayAck.Result.REFUSED);
        assertThat(ack("r-bad-" + run).reason()).contains("max-open-valves");
        assertThat(ack("r-nowhere-" + run).reason()).contains("unknown plot");
        // the same request again is answered, not applied twice
        send(cmd, new GatewayRequest.Override("r-hold-" + run, plot, GatewayRequest.Override.State.CLOSED, until));
        await().atMost(Duration.ofSeconds(10)).until(() -> acks.size() >= 5);
        assertThat(acks.getLast().result()).isEqualTo(GatewayAck.Result.DUPLICATE);

        var sim = simulate(List.of(new vn.dongxanh.sim.PlotSpec(plot, Crop.RICE, 1.0, 8000)), -14.5, List.of());
        // below the AWD threshold within seconds, but held closed until the override ends
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !eventsOf(plot, IrrigationEvent.Kind.START).isEmpty());
        var start = eventsOf(plot, IrrigationEvent.Kind.START).getFirst();
        assertThat(start.at()).isAfterOrEqualTo(until);
        assertThat(eventsOf(plot, IrrigationEvent.Kind.SKIP))
                .anyMatch(e -> e.reason().equals("OVERRIDE_EXPIRED"));
        assertThat(start.runTime())
                .as("the changed max-run-time bounds the command")
                .isEqualTo(Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !eventsOf(plot, IrrigationEvent.Kind.STOP).isEmpty());

        // a scheduled watering runs although the field is wet, and ends
        int stops = eventsOf(plot, IrrigationEvent.Kind.STOP).size();
        send(
                cmd,
                new GatewayRequest.Schedule(
                        "r-water-" + run,
                        plot,
                        Instant.now(),
                        Duration.ofSeconds(2),
                        Instant.now().plusSeconds(60)));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> eventsOf(plot, IrrigationEvent.Kind.START).stream()
                        .anyMatch(e -> e.reason().equals("SCHEDULE")));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> eventsOf(plot, IrrigationEvent.Kind.STOP).size() > stops);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sim.plotState(plot).valveOpen());
    }

    @Test
    void aRestartedAgentReadsBackAnOpenValveAndFinishesTheWatering() throws Exception {
        broker = LocalServices.mqttUrl();
        listenToCloud();
        String plot = "b" + run;
        var first = agent(ricePlot(plot, 30, 8000), "");
        var sim = simulate(List.of(new vn.dongxanh.sim.PlotSpec(plot, Crop.RICE, 1.0, 8000)), -14.8, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.plotState(plot).valveOpen());
        first.close();
        closeAfter.remove(first);
        Instant restarted = Instant.now();
        agent(ricePlot(plot, 30, 8000), "");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !eventsOf(plot, IrrigationEvent.Kind.STOP).isEmpty());
        assertThat(eventsOf(plot, IrrigationEvent.Kind.STOP).getFirst().at()).isAfter(restarted);
        assertThat(eventsOf(plot, IrrigationEvent.Kind.START))
                .as("the second agent found the valve open and did not order it open again")
                .allMatch(e -> e.at().isBefore(restarted));
        assertThat(sim.plotState(plot).waterLevelCm()).isGreaterThanOrEqualTo(4.0);
    }

    private void send(String topic, GatewayRequest request) throws MqttException {
        cloud.publish(topic, GatewayRequestCodec.encode(request));
    }
}
