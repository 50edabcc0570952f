package vn.dongxanh.trace.finding;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;

/**
 * The audit, computed continuously (docs/findings.md): every {@code dx.trace.findings.watch-every}
 * the province's findings are computed and each one noted as seen, so a finding the department
 * opens says since when it stands, whether or not anyone asked in between.
 */
@Component
public class FindingWatch {
    private static final Logger log = LoggerFactory.getLogger(FindingWatch.class);

    private final Audit audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    public FindingWatch(Audit audit, JdbcClient jdbc, Clock clock, GrowingAreaProperties areas) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = areas.zone();
    }

    @Scheduled(
            initialDelayString = "${dx.trace.findings.watch-every:15m}",
            fixedDelayString = "${dx.trace.findings.watch-every:15m}")
    void watch() {
        try {
            Instant now = clock.instant();
            note(audit.of(Audit.Scope.province(), LocalDate.ofInstant(now, zone)), now);
        } catch (RuntimeException e) {
            // the next round tries again; a missed round only leaves last_seen older
            log.warn("findings watch: the province's audit failed this round", e);
        }
    }

    /** Notes each finding as seen at {@code now}: first seen then if it is new. */
    void note(List<Finding> found, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                        insert into finding_seen (kind, subject, code, first_seen, last_seen)
                        select k, s, c, ?, ? from unnest(?::text[], ?::text[], ?::text[]) as f(k, s, c)
                        on conflict (kind, subject) do update set last_seen = excluded.last_seen""")
                .params(
                        at,
                        at,
                        found.stream().map(f -> f.kind().name()).toArray(String[]::new),
                        found.stream().map(Finding::subject).toArray(String[]::new),
                        found.stream().map(Finding::code).toArray(String[]::new))
                .update();
    }
}
