package vn.dongxanh.trace.scan;

import jakarta.annotation.PreDestroy;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;

/**
 * Counts the scans of published lots by day (in the platform's zone) and coarse region. A scan is
 * counted in memory and written with the others of its lot, day and region every {@code
 * dx.trace.scans.flush-interval}, so a busy resolver does not write a row per QR scan; each write
 * is then checked for the signals of a cloned label ({@link ScanSignals}). The client's address
 * only picks the region and is not kept.
 */
@Component
public class ScanCounter {
    private static final Logger log = LoggerFactory.getLogger(ScanCounter.class);

    private record Key(long batchId, LocalDate day, String region) {}

    private record Tally(long scans, Instant last) {
        Tally plus(Tally other) {
            return new Tally(scans + other.scans, last.isAfter(other.last) ? last : other.last);
        }
    }

    private final Map<Key, Tally> pending = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ScanSignals signals;
    private final Regions regions;
    private final GrowingAreaProperties areas;
    private final Clock clock;

    ScanCounter(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ScanSignals signals,
            ScanProperties props,
            GrowingAreaProperties areas,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.signals = signals;
        this.regions = new Regions(props.regions());
        this.areas = areas;
        this.clock = clock;
    }

    /** One scan of a lot's batch by a client at this address. */
    public void scanned(long batchId, String clientAddress) {
        Instant now = clock.instant();
        Key key = new Key(batchId, LocalDate.ofInstant(now, areas.zone()), regions.nameOf(clientAddress));
        pending.merge(key, new Tally(1, now), Tally::plus);
    }

    /** Writes the scans counted since the last flush and checks the lots they were of. */
    @Scheduled(fixedDelayString = "${dx.trace.scans.flush-interval:5s}")
    @PreDestroy
    public synchronized void flush() {
        Map<Key, Tally> taken = new HashMap<>();
        for (Key k : List.copyOf(pending.keySet())) {
            Tally t = pending.remove(k);
            if (t != null) taken.put(k, t);
        }
        if (taken.isEmpty()) return;
        try {
            tx.executeWithoutResult(status -> write(taken));
        } catch (RuntimeException e) {
            // not lost: counted again with the next flush
            taken.forEach((k, t) -> pending.merge(k, t, Tally::plus));
            log.warn("scan counts not written ({} lots), kept for the next flush: {}", taken.size(), e.toString());
        }
    }

    private void write(Map<Key, Tally> taken) {
        Map<Long, Map<String, Instant>> lastByLot = new HashMap<>();
        for (var e : taken.entrySet()) {
            Key k = e.getKey();
            Tally t = e.getValue();
            jdbc.update(
                    "insert into lot_scan_day (batch_id, day, region, scans) values (?, ?, ?, ?)"
                            + " on conflict (batch_id, day, region) do update set scans = lot_scan_day.scans + excluded.scans",
                    k.batchId(),
                    Date.valueOf(k.day()),
                    k.region(),
                    t.scans());
            jdbc.update(
                    "insert into lot_scan_region (batch_id, region, last_at) values (?, ?, ?)"
                            + " on conflict (batch_id, region) do update"
                            + " set last_at = greatest(lot_scan_region.last_at, excluded.last_at)",
                    k.batchId(),
                    k.region(),
                    Timestamp.from(t.last()));
            lastByLot
                    .computeIfAbsent(k.batchId(), id -> new HashMap<>())
                    .merge(k.region(), t.last(), (a, b) -> a.isAfter(b) ? a : b);
        }
        lastByLot.forEach((batchId, last) -> signals.check(batchId, last, regions));
    }
}
