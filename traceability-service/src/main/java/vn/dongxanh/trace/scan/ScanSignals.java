package vn.dongxanh.trace.scan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;

/**
 * The signals of a possibly cloned label, checked whenever a lot's scans are written: the lot was
 * scanned more than {@code overscan-factor} times per unit it can hold ({@code OVERSCANNED}), or
 * in two regions at least {@code far-apart-km} apart within {@code far-apart-window}
 * ({@code FAR_APART}). A flag is raised once per lot, rule and day, for the lot's cooperative and
 * the department (GET /api/scans/flags); it is a lead to look into, not a verdict.
 */
@Component
class ScanSignals {
    private static final Logger log = LoggerFactory.getLogger(ScanSignals.class);

    private final JdbcClient jdbc;
    private final ScanProperties props;
    private final GrowingAreaProperties areas;
    private final Clock clock;

    ScanSignals(JdbcClient jdbc, ScanProperties props, GrowingAreaProperties areas, Clock clock) {
        this.jdbc = jdbc;
        this.props = props;
        this.areas = areas;
        this.clock = clock;
    }

    /** The lot's units: its quantity in packs of {@code kg-per-unit}, a part pack counted whole. */
    long units(BigDecimal quantityKg) {
        return quantityKg.divide(props.kgPerUnit(), 0, RoundingMode.CEILING).longValueExact();
    }

    /** Checks a lot whose scans were just written; {@code lastByRegion}: its newest scan in each region written. */
    void check(long batchId, Map<String, Instant> lastByRegion, Regions regions) {
        var lot = jdbc.sql("select organisation_id, quantity_kg from batch where id = ?")
                .param(batchId)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
                .single();
        String organisation = lot.getKey();
        long units = units(lot.getValue());
        long total = jdbc.sql("select coalesce(sum(scans), 0) from lot_scan_day where batch_id = ?")
                .param(batchId)
                .query(Long.class)
                .single();
        if (total > props.overscanFactor() * units) {
            raise(
                    batchId,
                    organisation,
                    "OVERSCANNED",
                    "scanned %d times, more than %s times its %d units of %s kg"
                            .formatted(
                                    total,
                                    number(props.overscanFactor()),
                                    units,
                                    props.kgPerUnit().stripTrailingZeros().toPlainString()));
        }
        for (var scan : lastByRegion.entrySet()) {
            Optional<ScanProperties.Region> here = regions.named(scan.getKey());
            if (here.isEmpty()) continue;
            Instant at = scan.getValue();
            var others = jdbc.sql("select region, last_at from lot_scan_region"
                            + " where batch_id = ? and region <> ? and last_at >= ? and last_at <= ?")
                    .params(
                            batchId,
                            scan.getKey(),
                            Timestamp.from(at.minus(props.farApartWindow())),
                            Timestamp.from(at.plus(props.farApartWindow())))
                    .query((rs, i) ->
                            Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant()))
                    .list();
            for (var other : others) {
                Optional<ScanProperties.Region> there = regions.named(other.getKey());
                if (there.isEmpty()) continue;
                double km = Regions.distanceKm(here.get(), there.get());
                if (km >= props.farApartKm()) {
                    raise(
                            batchId,
                            organisation,
                            "FAR_APART",
                            "scanned in %s at %s and in %s at %s, %.0f km apart within %s"
                                    .formatted(
                                            here.get().name(),
                                            at,
                                            there.get().name(),
                                            other.getValue(),
                                            km,
                                            props.farApartWindow()));
                    break;
                }
            }
        }
    }

    private void raise(long batchId, String organisation, String kind, String detail) {
        Instant now = clock.instant();
        int raised = jdbc.sql("insert into scan_flag (batch_id, organisation_id, kind, day, detail, raised_at)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (batch_id, kind, day) do nothing")
                .params(
                        batchId,
                        organisation,
                        kind,
                        Date.valueOf(LocalDate.ofInstant(now, areas.zone())),
                        detail,
                        Timestamp.from(now))
                .update();
        if (raised == 1) {
            // the cooperative's and the department's alert (GET /api/scans/flags lists them)
            log.warn("batch {} of {} flagged {}: {}", batchId, organisation, kind, detail);
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
