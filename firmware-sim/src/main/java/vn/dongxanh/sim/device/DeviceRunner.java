package vn.dongxanh.sim.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.sim.SimClock;

/**
 * Makes one device report every interval (real time) over its link, with its faults applied:
 * silent and dropped devices skip reports; stuck, spike and jump alter the device's metric (the
 * first reading of each report); the battery is never faulted.
 */
public final class DeviceRunner {
    private static final Logger log = LoggerFactory.getLogger(DeviceRunner.class);

    private final SimDevice device;
    private final DeviceLink link;
    private final List<Fault> faults;
    private final SimClock clock;
    private final AtomicLong reports = new AtomicLong();
    private ScheduledFuture<?> schedule;
    private boolean dropped;
    private Double stuckValue;
    private final List<Fault> spikesDone = new ArrayList<>();
    private volatile boolean stopped;

    public DeviceRunner(SimDevice device, DeviceLink link, List<Fault> faults, SimClock clock) {
        this.device = device;
        this.link = link;
        this.faults =
                faults.stream().filter(f -> f.deviceId().equals(device.id())).toList();
        this.clock = clock;
    }

    public SimDevice device() {
        return device;
    }

    public DeviceLink link() {
        return link;
    }

    /** Reports handed to the link (not necessarily acknowledged). */
    public long reports() {
        return reports.get();
    }

    public synchronized void start(ScheduledExecutorService executor, Duration interval, Duration firstDelay) {
        schedule = executor.scheduleAtFixedRate(
                this::safeReport, firstDelay.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void safeReport() {
        try {
            report();
        } catch (RuntimeException e) {
            // Never let an exception cancel the schedule: the device would go silent for good.
            log.error("{}: report failed", device.id(), e);
        }
    }

    /** Reports now (also used for an immediate report when a valve changes). */
    public synchronized void report() {
        if (stopped) return;
        Duration elapsed = clock.elapsed();
        boolean shouldBeDown = active(Fault.Type.DROP, elapsed) != null;
        if (shouldBeDown && !dropped) {
            log.info("{}: fault: connection dropped", device.id());
            dropped = true;
            link.drop();
        } else if (!shouldBeDown && dropped) {
            log.info("{}: fault over: reconnecting", device.id());
            dropped = false;
            link.restore();
        }
        if (dropped || active(Fault.Type.SILENT, elapsed) != null) {
            // Not even read: a rain gauge keeps counting and reports the total when it speaks again.
            return;
        }
        link.publish(faulted(device.report(), elapsed));
        reports.incrementAndGet();
    }

    private List<Reading> faulted(List<Reading> readings, Duration elapsed) {
        Reading first = readings.getFirst();
        double value = first.value();
        if (active(Fault.Type.STUCK, elapsed) != null) {
            if (stuckValue == null) stuckValue = value;
            value = stuckValue;
        } else {
            stuckValue = null;
        }
        Fault jump = active(Fault.Type.JUMP, elapsed);
        if (jump != null) value += jump.magnitude();
        Fault spike = active(Fault.Type.SPIKE, elapsed);
        if (spike != null && !spikesDone.contains(spike)) {
            spikesDone.add(spike);
            value += spike.magnitude();
        }
        if (value == first.value()) return readings;
        if (first.metric().kind() == Metric.Kind.BOOLEAN) {
            value = value != 0 ? 1 : 0;
        }
        var out = new ArrayList<Reading>(readings);
        out.set(0, new Reading(first.deviceId(), first.metric(), first.time(), value));
        return out;
    }

    private Fault active(Fault.Type type, Duration elapsed) {
        for (Fault f : faults) {
            if (f.type() == type && f.activeAt(elapsed)) return f;
        }
        return null;
    }

    public synchronized void stop() {
        stopped = true;
        if (schedule != null) schedule.cancel(false);
    }
}
