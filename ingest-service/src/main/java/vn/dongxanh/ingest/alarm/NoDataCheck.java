package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link RuleKind#NO_DATA}: each registered device in scope whose newest reading (of any metric) is
 * {@code durationS} old or older; a device that never reported counts from its registration or the rule's
 * creation, whichever is later. Any newer reading clears it.
 */
@Component
class NoDataCheck implements Check {
    private final JdbcTemplate jdbc;

    NoDataCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.NO_DATA;
    }

    @Override
    public List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now) {
        long limit = ((RuleSpec.NoData) rule.spec()).durationS();
        String sql = "SELECT d.id, d.plot_id, d.created_at, (SELECT max(l.time) FROM series s"
                + " JOIN series_latest l ON l.series_id = s.id WHERE s.device_id = d.id) AS last FROM device d"
                + (rule.plotId() != null ? " WHERE d.plot_id = ?" : " WHERE d.cooperative_id = ?")
                + " ORDER BY d.id";
        return jdbc.query(
                sql,
                (rs, i) -> {
                    String device = rs.getString("id");
                    String plot = rs.getString("plot_id");
                    Instant last = Sql.instant(rs, "last");
                    Instant created = Sql.instant(rs, "created_at");
                    Instant from = last != null ? last : created.isAfter(rule.createdAt()) ? created : rule.createdAt();
                    long silentS = Duration.between(from, now).toSeconds();
                    var values = new LinkedHashMap<String, Object>();
                    values.put("device", device);
                    values.put("lastReadingAt", last == null ? null : last.toString());
                    values.put("silentS", silentS);
                    values.put("durationS", limit);
                    var key = AlarmKey.of(SubjectType.DEVICE, device);
                    if (silentS >= limit) {
                        String msg = "device " + device + (plot != null ? " (plot " + plot + ")" : "")
                                + (last == null
                                        ? " has sent no reading in " + silentS + " s since it was registered"
                                        : " silent for " + silentS + " s (last reading " + last + ")");
                        return new Finding(key, plot, Finding.Level.RAISE, msg, values, silentS - limit);
                    }
                    return new Finding(
                            key,
                            plot,
                            Finding.Level.CLEAR,
                            last == null
                                    ? "device " + device + " not yet silent for " + limit + " s"
                                    : "device " + device + " reported at " + last,
                            values,
                            silentS - limit);
                },
                rule.plotId() != null ? rule.plotId() : rule.cooperativeId());
    }
}
