package vn.dongxanh.trace.anchor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.ledger.LedgerSubmitter;

/**
 * The singleton job (PostgreSQL advisory lock) that makes Merkle roots of pending records and
 * drives the ledger submitter. Failures (chain down, RPC errors) are logged and retried on the
 * next run: all state is in the database.
 */
@Component
public class AnchoringJob {
    private static final Logger log = LoggerFactory.getLogger(AnchoringJob.class);
    /** Advisory lock key: the first 8 bytes of "dx-trace-anchoring" as a number. */
    static final long LOCK_KEY = 0x64782d7472616365L;

    private final DataSource dataSource;
    private final AnchorBatcher batcher;
    private final ObjectProvider<LedgerSubmitter> submitter;
    private final Clock clock;
    private Instant quietUntil = Instant.MIN;

    public AnchoringJob(
            DataSource dataSource, AnchorBatcher batcher, ObjectProvider<LedgerSubmitter> submitter, Clock clock) {
        this.dataSource = dataSource;
        this.batcher = batcher;
        this.submitter = submitter;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dx.trace.ledger.poll-interval}")
    public void run() {
        LedgerSubmitter ledger = submitter.getIfAvailable();
        if (ledger == null) {
            return; // ledger OFF: records stay pending
        }
        try (AdvisoryLock lock = AdvisoryLock.tryAcquire(dataSource, LOCK_KEY)) {
            if (!lock.held()) {
                return;
            }
            batcher.run();
            ledger.run();
        } catch (Exception e) {
            // the chain may be down for a while: say so, but not on every poll
            Instant now = clock.instant();
            if (now.isAfter(quietUntil)) {
                log.warn("anchoring run failed, will retry: {}", e.toString());
                quietUntil = now.plus(Duration.ofSeconds(30));
            } else {
                log.debug("anchoring run failed", e);
            }
        }
    }
}
