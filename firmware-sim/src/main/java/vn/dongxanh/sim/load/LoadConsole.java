package vn.dongxanh.sim.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.dongxanh.contract.telemetry.Metric;

/** {@code firmware-sim --load}: runs a {@link LoadGenerator}, printing its rate every few seconds and a summary. */
public final class LoadConsole {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private LoadConsole() {}

    /** Runs until the duration passes or {@code stopped} is counted down; returns the exit code. */
    public static int run(LoadConfig config, PrintStream out, PrintStream err, CountDownLatch stopped) {
        out.printf(
                Locale.ROOT,
                "load: %d gateways × %d devices × %d metrics (%s) = %,d series of cooperative %s on %s%n"
                        + "      batches of %,d readings, QoS 1, %d clients × %d in flight, rate %s, %s%n",
                config.gateways(),
                config.devicesPerGateway(),
                config.metrics().size(),
                String.join(",", config.metrics().stream().map(Metric::wireName).toList()),
                (long) config.devices() * config.metrics().size(),
                config.cooperativeId(),
                config.brokerUrl(),
                config.batchReadings(),
                config.clients(),
                config.inFlight(),
                config.unlimited() ? "unlimited" : "%,.0f readings/s".formatted(config.readingsPerSecond()),
                config.duration() == null
                        ? "until stopped"
                        : "for " + config.duration().toSeconds() + " s");
        out.flush();
        LoadGenerator load;
        try {
            load = LoadGenerator.start(config, FlowControl.NONE);
        } catch (MqttException | RuntimeException e) {
            err.println("firmware-sim: cannot start the load: " + e.getMessage());
            return 1;
        }
        if (load.inFlight() < config.inFlight()) {
            out.printf(
                    Locale.ROOT, "      %d in flight per connection: the broker's Receive Maximum%n", load.inFlight());
        }
        long t0 = System.nanoTime();
        long last = 0;
        long lastAt = t0;
        try {
            while (true) {
                long wake = lastAt + PROGRESS_EVERY.toNanos();
                // wake up at the next progress line, when the load ends, or when stopped
                while (System.nanoTime() < wake && load.running() && stopped.getCount() > 0) {
                    stopped.await(Math.min(50, (wake - System.nanoTime()) / 1_000_000 + 1), TimeUnit.MILLISECONDS);
                }
                if (!load.running() || stopped.getCount() == 0) break;
                long now = System.nanoTime();
                long published = load.publishedReadings();
                out.printf(
                        Locale.ROOT,
                        "%6.0f s  %,15d readings in %,d batches  %,10.0f readings/s%n",
                        (now - t0) / 1e9,
                        published,
                        load.publishedBatches(),
                        (published - last) / ((now - lastAt) / 1e9));
                out.flush();
                last = published;
                lastAt = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            LoadSummary s = load.stop();
            out.printf(
                    Locale.ROOT,
                    "published %,d readings in %,d batches in %.1f s: %,.0f readings/s; last sequence of %s: %d%n",
                    s.readings(),
                    s.batches(),
                    s.elapsed().toNanos() / 1e9,
                    s.readingsPerSecond(),
                    LoadConfig.gatewayId(0),
                    load.lastSequence(0));
            return 0;
        } catch (IllegalStateException e) {
            err.println("firmware-sim: " + e.getMessage() + ": " + e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
