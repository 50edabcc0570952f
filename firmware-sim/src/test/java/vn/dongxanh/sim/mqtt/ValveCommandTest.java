package vn.dongxanh.sim.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.sim.DeviceInfo;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.TestBroker;
import vn.dongxanh.sim.field.Crop;

/** Valve commands over MQTT, at speed 1 so that run times are wall time. */
class ValveCommandTest {
    private final TelemetryCodec codec = new TelemetryCodec();
    private TestBroker broker;
    private Simulation sim;
    private String plot;
    private String valve;

    @BeforeEach
    void start() throws Exception {
        plot = TestBroker.uniquePrefix() + "p01";
        valve = plot + "-valve";
        broker = new TestBroker("dx/v1/dev/+/up", new Topic.DeviceCommandAck(valve).path());
        sim = new Simulation(SimulationConfig.builder()
                        .broker(broker.url())
                        .plots(new PlotSpec(plot, Crop.RICE, 1.0))
                        .interval(Duration.ofMillis(200))
                        .build())
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
        broker.clearRetainedStates(
                sim.devices().stream().map(DeviceInfo::deviceId).toList());
        broker.close();
    }

    @Test
    void openRunsForItsRunTimeThenClosesByItself() throws Exception {
        Instant sent = Instant.now();
        send(ValveCommand.open("c-open-1", valve, Duration.ofSeconds(2), sent, Duration.ofMinutes(1)));

        CommandAck ack = awaitAck("c-open-1", 1);
        assertThat(ack.result()).isEqualTo(CommandAck.Result.APPLIED);
        assertThat(ack.valveOpen()).isTrue();
        assertThat(ack.deviceId()).isEqualTo(valve);
        await().atMost(3, SECONDS).until(() -> lastValue(valve, Metric.VALVE).orElse(0.0) == 1.0);
        await().atMost(3, SECONDS)
                .until(() -> lastValue(plot + "-flow", Metric.FLOW).orElse(0.0) > 0);
        assertThat(sim.plotState(plot).flowLpm()).isPositive();

        // The device's own timer closes the valve once the run time is over.
        await().atMost(5, SECONDS).until(() -> lastValue(valve, Metric.VALVE).orElse(1.0) == 0.0);
        Instant closedSeenAt = Instant.now();
        assertThat(Duration.between(sent, closedSeenAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(sim.valve(valve).isOpen()).isFalse();
        await().atMost(3, SECONDS)
                .until(() -> lastValue(plot + "-flow", Metric.FLOW).orElse(1.0) == 0.0);

        // The same command again is recognised, answered, and not applied.
        send(ValveCommand.open("c-open-1", valve, Duration.ofSeconds(2), Instant.now(), Duration.ofMinutes(1)));
        CommandAck duplicate = awaitAck("c-open-1", 2);
        assertThat(duplicate.result()).isEqualTo(CommandAck.Result.DUPLICATE);
        assertThat(duplicate.valveOpen()).isFalse();
        assertThat(sim.valve(valve).isOpen()).isFalse();
    }

    @Test
    void aCommandPastItsDeadlineExpires() throws Exception {
        Instant issued = Instant.now().minus(Duration.ofMinutes(2));
        send(ValveCommand.open("c-late", valve, Duration.ofSeconds(30), issued, Duration.ofMinutes(1)));
        CommandAck ack = awaitAck("c-late", 1);
        assertThat(ack.result()).isEqualTo(CommandAck.Result.EXPIRED);
        assertThat(ack.valveOpen()).isFalse();
        assertThat(ack.reason()).contains("deadline");
        assertThat(sim.valve(valve).isOpen()).isFalse();
    }

    @Test
    void closeStopsAnOpenValveAndUnsafeOrBrokenCommandsAreRefused() throws Exception {
        Instant now = Instant.now();
        send(ValveCommand.open("c-long", valve, Duration.ofHours(5), now, Duration.ofMinutes(1)));
        CommandAck tooLong = awaitAck("c-long", 1);
        assertThat(tooLong.result()).isEqualTo(CommandAck.Result.REFUSED);
        assertThat(tooLong.reason()).contains("exceeds");

        send(ValveCommand.open("c-open-2", valve, Duration.ofMinutes(10), now, Duration.ofMinutes(1)));
        assertThat(awaitAck("c-open-2", 1).valveOpen()).isTrue();
        send(ValveCommand.close("c-close-2", valve, Instant.now(), Duration.ofMinutes(1)));
        CommandAck closed = awaitAck("c-close-2", 1);
        assertThat(closed.result()).isEqualTo(CommandAck.Result.APPLIED);
        assertThat(closed.valveOpen()).isFalse();
        assertThat(sim.valve(valve).isOpen()).isFalse();

        broker.publish(
                new Topic.DeviceCommand(valve).path(),
                "{\"id\":\"c-bad\",\"action\":\"EXPLODE\"}".getBytes(StandardCharsets.UTF_8));
        CommandAck bad = awaitAck("c-bad", 1);
        assertThat(bad.result()).isEqualTo(CommandAck.Result.REFUSED);
        assertThat(bad.reason()).contains("action");
    }

    private void send(ValveCommand c) throws Exception {
        broker.publish(new Topic.DeviceCommand(c.deviceId()).path(), CommandCodec.encode(c));
    }

    /** Waits for the n-th ack of a command id and returns it. */
    private CommandAck awaitAck(String commandId, int n) {
        await().atMost(5, SECONDS).until(() -> acks(commandId).size() >= n);
        return acks(commandId).get(n - 1);
    }

    private List<CommandAck> acks(String commandId) {
        String topic = new Topic.DeviceCommandAck(valve).path();
        return broker.received(m -> m.topic().equals(topic)).stream()
                .map(m -> CommandCodec.decodeAck(m.payload()))
                .filter(a -> a.commandId().equals(commandId))
                .toList();
    }

    private Optional<Double> lastValue(String deviceId, Metric metric) {
        String topic = new Topic.DeviceTelemetry(deviceId).path();
        return broker.received(m -> m.topic().equals(topic)).stream()
                .flatMap(m -> codec.decode(m.payload()).stream())
                .filter(r -> r.metric() == metric)
                .reduce((a, b) -> b)
                .map(Reading::value);
    }
}
