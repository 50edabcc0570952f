package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link RuleKind#BACKLOG_GROWING}: each gateway of the cooperative that has reported a state. The age of
 * its oldest unsent reading is the reported one plus the time since that report (while a backlog was
 * reported: it does not shrink until a report says so, e.g. while the gateway is cut off). Raised when
 * that age reaches {@code thresholdS}, or when it grew in {@code reports} state reports in a row; cleared
 * when it is below {@code thresholdS − hysteresisS} and the last report showed no growth.
 */
@Component
class BacklogCheck implements Check {
    private final JdbcTemplate jdbc;

    BacklogCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.BACKLOG_GROWING;
    }

    @Override
    public List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now) {
        var spec = (RuleSpec.BacklogGrowing) rule.spec();
        return jdbc.query(
                "SELECT id, online, backlog_oldest_s, backlog_readings, backlog_rising, state_received_at FROM gateway"
                        + " WHERE cooperative_id = ? AND state_received_at IS NOT NULL ORDER BY id",
                (rs, i) -> {
                    String gateway = rs.getString("id");
                    Long reported = Sql.longOrNull(rs, "backlog_oldest_s");
                    Instant at = Sql.instant(rs, "state_received_at");
                    int rising = rs.getInt("backlog_rising");
                    long oldest = reported == null ? 0 : reported;
                    if (oldest > 0)
                        oldest += Math.max(0, Duration.between(at, now).toSeconds());
                    var values = new LinkedHashMap<String, Object>();
                    values.put("gateway", gateway);
                    values.put("online", rs.getObject("online"));
                    values.put("oldestS", oldest);
                    values.put("reportedOldestS", reported);
                    values.put("backlogReadings", Sql.longOrNull(rs, "backlog_readings"));
                    values.put("growingReports", rising);
                    values.put("reportedAt", at.toString());
                    values.put("thresholdS", spec.thresholdS());
                    values.put("reports", spec.reports());
                    var key = AlarmKey.of(SubjectType.GATEWAY, gateway);
                    double badness = Math.max(oldest - spec.thresholdS(), rising - spec.reports());
                    if (oldest >= spec.thresholdS() || rising >= spec.reports()) {
                        String msg = "gateway " + gateway + ": oldest unsent reading " + oldest + " s old"
                                + (oldest >= spec.thresholdS() ? " (limit " + spec.thresholdS() + " s)" : "")
                                + (rising >= spec.reports() ? ", older in " + rising + " reports in a row" : "");
                        return new Finding(key, null, Finding.Level.RAISE, msg, values, badness);
                    }
                    if (oldest < spec.thresholdS() - spec.hysteresisS() && rising == 0) {
                        return new Finding(
                                key,
                                null,
                                Finding.Level.CLEAR,
                                "gateway " + gateway + ": backlog " + oldest + " s old and not growing",
                                values,
                                badness);
                    }
                    return new Finding(key, null, Finding.Level.HOLD, "backlog between the levels", values, badness);
                },
                rule.cooperativeId());
    }
}
