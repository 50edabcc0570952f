package vn.dongxanh.bench.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.dongxanh.bench.mqtt.UplinkCounter;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.outbox.Outbox;
import vn.dongxanh.edge.uplink.Uplink;

/**
 * The end of an outage: an outbox holding a backlog meets a reachable cloud broker. A real
 * {@link Uplink} is started and timed until the outbox is empty and a cloud-side subscriber has
 * decoded every reading.
 */
final class DrainRun {
    private DrainRun() {}

    record Result(long readings, long batches, long distinct, double seconds) {
        double perSecond() {
            return readings / seconds;
        }
    }

    /** @param config the gateway; its cloud broker is where the backlog goes */
    static Result run(AgentConfig config, Outbox outbox, String subscriberId) throws Exception {
        long backlog = outbox.backlog().readings();
        var topic = new Topic.GatewayTelemetry(config.cooperativeId(), config.gatewayId());
        try (var cloud = new UplinkCounter(config.cloudBroker(), subscriberId, topic, true)) {
            long t0 = System.nanoTime();
            // the connect is inside the timing: a real drain starts with one too
            var uplink = new Uplink(
                    config, outbox, new UplinkCodec(new TelemetryCodec()), Clock.systemUTC(), Map::of, request -> {});
            try {
                Duration patience = Duration.ofSeconds(Math.max(120, backlog / 2_000));
                if (!cloud.awaitReadings(backlog, patience)) {
                    throw new IllegalStateException("only " + cloud.readings() + " of " + backlog
                            + " readings reached the cloud within " + patience);
                }
                // the subscriber can see the last batch a moment before the uplink marks it sent
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (outbox.backlog().readings() > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the cloud has every reading but the outbox still lists "
                                + outbox.backlog().readings() + " as unsent");
                    }
                    Thread.sleep(1);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new Result(cloud.readings(), cloud.batches(), cloud.distinct(), seconds);
            } finally {
                uplink.close();
            }
        }
    }

    /** The gateway state topic the uplink leaves a retained message on. */
    static List<String> retainedTopics(AgentConfig config) {
        return List.of(new Topic.GatewayState(config.cooperativeId(), config.gatewayId()).path());
    }
}
