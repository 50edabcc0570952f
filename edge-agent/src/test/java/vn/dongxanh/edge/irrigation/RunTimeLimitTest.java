package vn.dongxanh.edge.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.edge.config.AgentConfig;

/**
 * The gateway's own run-time limit, on a clock the test moves: a valve still open when its
 * maximum run time is up is closed by the gateway and reported as an alarm, even though the
 * field has not reached its stop level (the device enforces the same limit on its own).
 */
class RunTimeLimitTest {
    private static final Instant START = Instant.parse("2026-11-22T01:00:00Z");

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(START);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void closesAValveThatOutlivesItsMaximumRunTime() throws Exception {
        var config = AgentConfig.fromYaml("""
                plots:
                  - id: p01
                    crop: rice
                    area-ha: 1.0
                    sowing-date: %s
                    water-level: p01-wl
                    valve: p01-valve
                    valve-flow-lpm: 8000
                control:
                  rice: { max-run-time: 10m }
                """.formatted(LocalDate.ofInstant(START, ZoneId.of("Asia/Ho_Chi_Minh"))
                .minusDays(30)));
        var clock = new MovableClock();
        List<ValveCommand> sent = new CopyOnWriteArrayList<>();
        List<IrrigationEvent> events = new CopyOnWriteArrayList<>();
        try (var control = new IrrigationControl(
                config.plots(),
                config.control(),
                clock,
                command -> sent.add(command),
                new IrrigationControl.Reports() {
                    @Override
                    public void event(IrrigationEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void answer(GatewayAck ack) {}
                },
                id -> true,
                json -> config.control())) {
            control.observe(List.of(Reading.ofBoolean("p01-valve", Metric.VALVE, clock.instant(), false)));
            control.observe(List.of(new Reading("p01-wl", Metric.WATER_LEVEL, clock.instant(), -16)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !sent.isEmpty());
            ValveCommand open = sent.getFirst();
            assertThat(open.action()).isEqualTo(ValveCommand.Action.OPEN);
            assertThat(open.runTime()).isEqualTo(Duration.ofMinutes(10));
            control.onDeviceAck(new CommandAck(
                    open.commandId(), "p01-valve", CommandAck.Result.APPLIED, "", true, clock.instant()));

            // nine minutes in, still filling: nothing more
            clock.now.set(START.plus(Duration.ofMinutes(9)));
            control.observe(List.of(new Reading("p01-wl", Metric.WATER_LEVEL, clock.instant(), -8)));
            Thread.sleep(1_500); // a control tick passes
            assertThat(sent).hasSize(1);

            // past ten minutes the gateway closes it itself
            clock.now.set(START.plus(Duration.ofMinutes(10).plusSeconds(5)));
            control.observe(List.of(new Reading("p01-wl", Metric.WATER_LEVEL, clock.instant(), -6)));
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() >= 2);
            assertThat(sent.get(1).action()).isEqualTo(ValveCommand.Action.CLOSE);
            assertThat(sent.get(1).deviceId()).isEqualTo("p01-valve");
            assertThat(events)
                    .anyMatch(e ->
                            e.kind() == IrrigationEvent.Kind.ALARM && e.reason().equals("RUN_TIME_LIMIT"));
        }
    }
}
