package vn.dongxanh.bench.latency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.dongxanh.bench.mqtt.Mqtt;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;

/**
 * One plot's water-level node and valve controller, each with its own MQTT connection as real
 * devices have: the node sends readings, the valve reports its state, notes the arrival time of
 * every command and answers it.
 *
 * <p>Two connections matter for the figure: with one client for both, the broker would send the
 * command on the connection that has just received the PUBACK of the reading, and the broker's
 * Nagle algorithm would hold the command until the client's delayed ACK (~40 ms on Linux) —
 * a timer, not the agent.
 */
final class FieldDevices implements AutoCloseable {
    /** A command for the valve and when it arrived (System.nanoTime). */
    record Arrival(long nanos, ValveCommand command) {}

    private final TelemetryCodec codec = new TelemetryCodec();
    private final String waterLevel;
    private final String valve;
    private final MqttClient node;
    private final MqttClient valveClient;
    private final BlockingQueue<Arrival> commands = new LinkedBlockingQueue<>();
    private Instant lastStamp = Instant.EPOCH;

    FieldDevices(String url, String waterLevel, String valve) throws MqttException {
        this.waterLevel = waterLevel;
        this.valve = valve;
        this.node = Mqtt.connect(url, waterLevel, (topic, message) -> {});
        this.valveClient = Mqtt.connect(url, valve, (topic, message) -> {
            long at = System.nanoTime();
            commands.add(new Arrival(at, CommandCodec.decodeCommand(message.getPayload())));
        });
        valveClient.subscribe(new Topic.DeviceCommand(valve).path(), 1);
    }

    /** The SenML a water-level node sends for one reading (for a baseline of the same size). */
    byte[] waterLevelPayload(double cm) {
        return codec.encode(List.of(new Reading(waterLevel, Metric.WATER_LEVEL, stamp(), cm)));
    }

    /** Publishes a water-level reading; returns the moment just before it left (System.nanoTime). */
    long sendWaterLevel(double cm) throws MqttException {
        byte[] payload = waterLevelPayload(cm);
        long t0 = System.nanoTime();
        Mqtt.publish(node, new Topic.DeviceTelemetry(waterLevel).path(), payload, false);
        return t0;
    }

    void sendValveState(boolean open) throws MqttException {
        byte[] payload = codec.encode(List.of(Reading.ofBoolean(valve, Metric.VALVE, stamp(), open)));
        Mqtt.publish(valveClient, new Topic.DeviceTelemetry(valve).path(), payload, false);
    }

    /** Answers a command as the valve would after applying it. */
    void acknowledge(ValveCommand command) throws MqttException {
        boolean open = command.action() == ValveCommand.Action.OPEN;
        var ack = new CommandAck(command.commandId(), valve, CommandAck.Result.APPLIED, "", open, Instant.now());
        Mqtt.publish(valveClient, new Topic.DeviceCommandAck(valve).path(), CommandCodec.encode(ack), false);
    }

    /** The next command for the valve; fails when none came within {@code timeout}. */
    Arrival nextCommand(Duration timeout) throws InterruptedException {
        Arrival a = commands.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (a == null) throw new IllegalStateException("no valve command within " + timeout);
        return a;
    }

    /** Commands that came without being waited for (e.g. resends); there should be none. */
    int unexpected() {
        return commands.size();
    }

    /** Every reading gets its own, later millisecond: the agent ignores late or repeated ones. */
    private synchronized Instant stamp() {
        Instant now = Instant.now();
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        return lastStamp;
    }

    @Override
    public void close() {
        Mqtt.closeQuietly(node);
        Mqtt.closeQuietly(valveClient);
    }
}
