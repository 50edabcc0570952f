package vn.dongxanh.trace.epcis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.ingest.IngestClient;
import vn.dongxanh.trace.ingest.IngestProperties;

/**
 * The irrigation evidence of a harvest in EPCIS' own form: for each plot of the batch and each of
 * its governing sensors that reported, a sensorElement over the season (the plot's last SOWING or
 * TRANSPLANTING on or before the harvest, else {@code dx.trace.epcis.harvest-season-days} before
 * it, up to the harvest day) with the lowest, mean and highest reading from ingest's hourly
 * rollups: water level as a Length in centimetres, soil moisture as a VolumeFraction in percent.
 * Best effort, like the diary's pull at harvest: when ingest cannot say, the event goes without
 * (a batch is never refused for it) and the log says why.
 */
@Component
public class HarvestSensors {
    private static final Logger log = LoggerFactory.getLogger(HarvestSensors.class);

    private final IngestClient ingest;
    private final IngestProperties ingestProps;
    private final IrrigationSummaryDiary diary;
    private final EpcisProperties props;
    private final ZoneId zone;
    private final JsonMapper json;

    public HarvestSensors(
            IngestClient ingest,
            IngestProperties ingestProps,
            IrrigationSummaryDiary diary,
            EpcisProperties props,
            GrowingAreaProperties areas,
            JsonMapper json) {
        this.ingest = ingest;
        this.ingestProps = ingestProps;
        this.diary = diary;
        this.props = props;
        this.zone = areas.zone();
        this.json = json;
    }

    /** The sensorElementList entries of a harvest on these plots (empty when ingest is not asked or cannot say). */
    public List<ObjectNode> elements(List<String> plots, LocalDate harvest) {
        List<ObjectNode> elements = new ArrayList<>();
        if (!ingestProps.pullOnBatch()) return elements;
        for (String plot : plots) {
            LocalDate from = diary.seasonStart(plot, harvest).orElse(harvest.minusDays(props.harvestSeasonDays()));
            SeasonSummary summary;
            try {
                summary = ingest.seasonSummary(plot, from, harvest);
            } catch (RuntimeException e) {
                log.warn("harvest event without the sensor summary of plot {}: {}", plot, e.getMessage());
                continue;
            }
            for (SeasonSummary.Sensor sensor : summary.sensorCoverage().sensors()) {
                if (sensor.mean() == null) continue;
                elements.add(element(summary, sensor));
            }
        }
        return elements;
    }

    private ObjectNode element(SeasonSummary summary, SeasonSummary.Sensor sensor) {
        boolean level = sensor.kind().equals("water_level");
        double scale = level ? 1 : 100; // soil moisture is a fraction at ingest, a percentage here
        ObjectNode element = json.createObjectNode();
        ObjectNode meta = element.putObject("sensorMetadata");
        meta.put("startTime", summary.from().atStartOfDay(zone).toInstant().toString());
        java.time.Instant end = summary.to().plusDays(1).atStartOfDay(zone).toInstant();
        // the summary counts nothing after it was made
        meta.put("endTime", (end.isAfter(summary.generatedAt()) ? summary.generatedAt() : end).toString());
        meta.put("deviceID", "urn:dx:device:" + sensor.device());
        ObjectNode report = element.putArray("sensorReport").addObject();
        report.put("type", level ? "Length" : "VolumeFraction");
        report.put("minValue", round(sensor.min() * scale));
        report.put("meanValue", round(sensor.mean() * scale));
        report.put("maxValue", round(sensor.max() * scale));
        report.put("uom", level ? "CMT" : "P1");
        report.put(Epcis.DX_PREFIX + ":plot", "urn:dx:plot:" + summary.plot());
        if (sensor.percent() != null) report.put(Epcis.DX_PREFIX + ":readingCoveragePercent", round(sensor.percent()));
        return element;
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
