package vn.dongxanh.trace.diary;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.growingarea.Plot;
import vn.dongxanh.trace.growingarea.PlotService;
import vn.dongxanh.trace.ingest.IngestClient;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The diary entry a cooperative does not type: the irrigation summary of a plot over a season,
 * pulled from ingest-service and stored as a diary entry ({@code IRRIGATION_SUMMARY}) with its
 * record, so it is anchored like every other entry.
 *
 * <p>A traceability plot is ingest's plot of the same id (both sides use the same id syntax, {@code
 * [a-z0-9][a-z0-9_-]{0,62}}, and the platform registers a field under one id in both). As a guard
 * against two fields that merely share an id, a summary whose growing-area code is not one of the
 * plot's codes here is refused; ingest's code is optional plain text, so a summary without one is
 * taken.
 *
 * <p>The summary is fetched before anything is written; the entry and its record are then written
 * in one transaction. An ingest that does not answer therefore leaves nothing behind.
 */
@Service
public class IrrigationSummaryDiary {
    private static final Logger log = LoggerFactory.getLogger(IrrigationSummaryDiary.class);
    /** Without a sowing or transplanting entry, a summary this old no longer belongs to a harvest. */
    private static final int SEASON_DAYS_WITHOUT_SOWING = 365;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PlotService plots;
    private final CodeRegister codes;
    private final RecordStore records;
    private final IngestClient ingest;
    private final TransactionTemplate tx;

    public IrrigationSummaryDiary(
            JdbcClient jdbc,
            JsonMapper json,
            PlotService plots,
            CodeRegister codes,
            RecordStore records,
            IngestClient ingest,
            TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.plots = plots;
        this.codes = codes;
        this.records = records;
        this.ingest = ingest;
        this.tx = tx;
    }

    /**
     * The season to summarise: from (default: the plot's last SOWING or TRANSPLANTING entry on or
     * before {@code to}) to (default: today), local days, both included.
     */
    public record Season(LocalDate from, LocalDate to) {}

    /** A stored irrigation summary entry. */
    public record Entry(long id, String plot, long recordId, LocalDate from, LocalDate to, SeasonSummary summary) {}

    /** Pulls the plot's summary over the season and stores it; refused with a reason otherwise. */
    public Entry pull(Actor actor, String plotId, Season season) {
        Plot plot = plots.find(plotId).orElseThrow(() -> Refusal.notFound("no plot " + plotId));
        if (!actor.actsFor(plot.organisationId())) {
            throw Refusal.forbidden("only the plot's cooperative writes its diary");
        }
        LocalDate to = season == null || season.to() == null ? codes.today() : season.to();
        if (to.isAfter(codes.today())) {
            throw Refusal.badRequest("to " + to + " is in the future");
        }
        LocalDate from = season != null && season.from() != null
                ? season.from()
                : seasonStart(plotId, to)
                        .orElseThrow(() -> Refusal.badRequest("give from, or write the plot's SOWING or TRANSPLANTING"
                                + " entry first: the season runs from it"));
        if (to.isBefore(from)) {
            throw Refusal.badRequest("to " + to + " is before from " + from);
        }
        SeasonSummary summary = ingest.seasonSummary(plotId, from, to); // before any write
        checkSameField(plot, summary);
        return tx.execute(status -> write(actor, plot, summary));
    }

    /**
     * After a harvest: pulls the summary of each plot whose season start is in the diary, up to the
     * harvest date. Best effort — a plot that cannot be summarised now (ingest down, plot unknown
     * there) is logged and skipped; the cooperative can pull it later. Returns the entries stored.
     */
    public List<Entry> pullForHarvest(Actor actor, List<String> plotIds, LocalDate harvest) {
        List<Entry> stored = new ArrayList<>();
        for (String plot : plotIds) {
            try {
                Optional<LocalDate> start = seasonStart(plot, harvest);
                if (start.isEmpty()) {
                    log.info(
                            "no irrigation summary pulled for plot {}: no SOWING or TRANSPLANTING entry before {}",
                            plot,
                            harvest);
                    continue;
                }
                stored.add(pull(actor, plot, new Season(start.get(), harvest)));
            } catch (Refusal e) {
                log.warn("no irrigation summary pulled for plot {} at harvest {}: {}", plot, harvest, e.getReason());
            } catch (RuntimeException e) {
                // the batch is already stored: nothing here may turn its creation into an error
                log.warn("no irrigation summary pulled for plot {} at harvest {}", plot, harvest, e);
            }
        }
        return stored;
    }

    /**
     * The summary shown with a harvest on each plot: the latest stored one whose season ends on or
     * before the harvest date and starts no earlier than the plot's season (its last SOWING or
     * TRANSPLANTING entry on or before the harvest, else a year before it).
     */
    public List<Entry> forHarvest(List<String> plotIds, LocalDate harvest) {
        List<Entry> entries = new ArrayList<>();
        for (String plot : plotIds) {
            LocalDate earliest = seasonStart(plot, harvest).orElse(harvest.minusDays(SEASON_DAYS_WITHOUT_SOWING));
            jdbc.sql("""
                            select id, plot_id, record_id, period_from, period_to, irrigation_summary::text as summary
                              from diary_entry
                             where operation = 'IRRIGATION_SUMMARY' and plot_id = ?
                               and period_to <= ? and period_from >= ?
                             order by period_to desc, id desc limit 1
                            """)
                    .params(plot, Date.valueOf(harvest), Date.valueOf(earliest))
                    .query((rs, i) -> new Entry(
                            rs.getLong("id"),
                            rs.getString("plot_id"),
                            rs.getLong("record_id"),
                            rs.getDate("period_from").toLocalDate(),
                            rs.getDate("period_to").toLocalDate(),
                            SeasonSummaryCodec.decode(rs.getString("summary").getBytes(StandardCharsets.UTF_8))))
                    .optional()
                    .ifPresent(entries::add);
        }
        return entries;
    }

    /** The plot's season start on a day: its last SOWING or TRANSPLANTING entry on or before it. */
    public Optional<LocalDate> seasonStart(String plotId, LocalDate on) {
        return jdbc.sql("""
                        select entry_date from diary_entry
                         where plot_id = ? and operation in ('SOWING', 'TRANSPLANTING') and entry_date <= ?
                         order by entry_date desc limit 1
                        """)
                .params(plotId, Date.valueOf(on))
                .query(Date.class)
                .optional()
                .map(Date::toLocalDate);
    }

    private void checkSameField(Plot plot, SeasonSummary s) {
        if (!s.plot().equals(plot.id())) {
            throw new Refusal(
                    HttpStatus.BAD_GATEWAY,
                    "ingest-bad-answer",
                    "asked ingest-service for plot " + plot.id() + ", it answered for " + s.plot());
        }
        String code = s.growingAreaCode();
        if (code != null && !code.isBlank()) {
            List<String> ours = plots.codesOf(plot.id());
            if (!ours.contains(code)) {
                throw Refusal.conflict(
                        "ingest-plot-mismatch",
                        "ingest-service's plot " + plot.id() + " is registered with growing-area code " + code
                                + ", but plot " + plot.id() + " here belongs to "
                                + (ours.isEmpty() ? "no code" : String.join(", ", ours))
                                + ": the two ids may name different fields");
            }
        }
    }

    private Entry write(Actor actor, Plot plot, SeasonSummary s) {
        String plotId = plot.id();
        byte[] wire = SeasonSummaryCodec.encode(s);
        JsonNode summary = json.readTree(wire);
        ObjectNode body = json.createObjectNode();
        body.put("plot", plotId);
        body.put("date", s.to().toString());
        body.put("operation", "IRRIGATION_SUMMARY");
        body.put("source", "ingest-service");
        body.put("from", s.from().toString());
        body.put("to", s.to().toString());
        body.set("summary", summary);
        long recordId =
                records.append("diary", plotId, plot.organisationId(), body).id();
        long id = jdbc.sql("""
                        insert into diary_entry (plot_id, entry_date, operation, source, created_by, record_id,
                            period_from, period_to, irrigation_summary)
                        values (?, ?, 'IRRIGATION_SUMMARY', 'ingest-service', ?, ?, ?, ?, ?::jsonb) returning id
                        """)
                .params(
                        plotId,
                        Date.valueOf(s.to()),
                        actor.name(),
                        recordId,
                        Date.valueOf(s.from()),
                        Date.valueOf(s.to()),
                        new String(wire, StandardCharsets.UTF_8))
                .query(Long.class)
                .single();
        return new Entry(id, plotId, recordId, s.from(), s.to(), s);
    }
}
