package vn.dongxanh.ingest.irrigation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.ingest.registry.Device;
import vn.dongxanh.ingest.registry.DeviceKind;
import vn.dongxanh.ingest.registry.DeviceStore;
import vn.dongxanh.ingest.registry.Plot;
import vn.dongxanh.ingest.registry.RegistryProperties;
import vn.dongxanh.ingest.rollup.Agg;
import vn.dongxanh.ingest.rollup.Rollups;

/** Computes {@link SeasonSummary}s, the shape the contract fixes for traceability-service. */
@Component
class SeasonSummaries {
    private static final double HOUR_S = 3600;

    private final WaterCalculator water;
    private final EventQueries events;
    private final DeviceStore devices;
    private final Rollups rollups;
    private final JdbcTemplate jdbc;
    private final WaterProperties waterProps;
    private final RegistryProperties registry;
    private final Clock clock;

    SeasonSummaries(
            WaterCalculator water,
            EventQueries events,
            DeviceStore devices,
            Rollups rollups,
            JdbcTemplate jdbc,
            WaterProperties waterProps,
            RegistryProperties registry,
            Clock clock) {
        this.water = water;
        this.events = events;
        this.devices = devices;
        this.rollups = rollups;
        this.jdbc = jdbc;
        this.waterProps = waterProps;
        this.registry = registry;
        this.clock = clock;
    }

    SeasonSummary summarise(Plot plot, DayRange range) {
        Instant now = clock.instant();
        WaterReport w = water.water(plot, range);
        Map<IrrigationEvent.Kind, Long> counts = events.counts(plot, range.start(), range.end());
        Set<LocalDate> irrigated = new TreeSet<>(events.startDays(plot, range.start(), range.end(), range.zone()));
        for (WaterReport.Day d : w.days()) {
            if (d.m3() > 0 && d.m3() >= waterProps.irrigatedDayMinM3()) irrigated.add(d.date());
        }
        return new SeasonSummary(
                plot.id(),
                plot.cooperative(),
                plot.name(),
                plot.crop(),
                plot.areaHa(),
                plot.growingAreaCode(),
                range.from(),
                range.to(),
                range.zone().getId(),
                now,
                range.days(),
                irrigated.size(),
                new SeasonSummary.Water(w.totalM3(), w.totalMm(), w.method()),
                new SeasonSummary.Events(
                        counts.get(IrrigationEvent.Kind.START),
                        counts.get(IrrigationEvent.Kind.STOP),
                        counts.get(IrrigationEvent.Kind.SKIP),
                        counts.get(IrrigationEvent.Kind.ALARM)),
                counts.get(IrrigationEvent.Kind.ALARM),
                coverage(plot, range, now));
    }

    private SeasonSummary.SensorCoverage coverage(Plot plot, DayRange range, Instant now) {
        Instant end = range.end().isAfter(now) ? now : range.end();
        var sensors = new ArrayList<SeasonSummary.Sensor>();
        double counted = 0;
        long expectedAll = 0;
        for (Device d : devices.list(null, plot.id())) {
            DeviceKind kind = DeviceKind.byWireName(d.kind()).orElse(null);
            if (kind == null || !kind.governing()) continue;
            long interval = d.reportingIntervalS() != null
                    ? d.reportingIntervalS()
                    : registry.defaultReportingInterval().toSeconds();
            long expected = end.isAfter(range.start())
                    ? Duration.between(range.start(), end).toSeconds() / interval
                    : 0;
            double perHour = HOUR_S / interval;
            long received = 0;
            double capped = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Integer seriesId = seriesId(d.id(), kind.wireName());
            if (seriesId != null && expected > 0) {
                for (Agg h : rollups.hourly(seriesId, range.start(), end)) {
                    received += h.count();
                    capped += Math.min(h.count(), perHour);
                    sum += h.sum();
                    min = Math.min(min, h.min());
                    max = Math.max(max, h.max());
                }
            }
            counted += Math.min(capped, expected);
            expectedAll += expected;
            sensors.add(new SeasonSummary.Sensor(
                    d.id(),
                    kind.wireName(),
                    interval,
                    expected,
                    received,
                    expected == 0 ? null : Math.min(100, 100 * capped / expected),
                    received == 0 ? null : min,
                    received == 0 ? null : sum / received,
                    received == 0 ? null : max));
        }
        return new SeasonSummary.SensorCoverage(expectedAll == 0 ? null : 100 * counted / expectedAll, sensors);
    }

    private Integer seriesId(String device, String metric) {
        return jdbc
                .query(
                        "SELECT id FROM series WHERE device_id = ? AND metric = ?",
                        (rs, i) -> rs.getInt(1),
                        device,
                        metric)
                .stream()
                .findFirst()
                .orElse(null);
    }
}
