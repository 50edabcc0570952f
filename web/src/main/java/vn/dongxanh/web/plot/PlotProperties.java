package vn.dongxanh.web.plot;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A plot page's ranges and lists ({@code dx.web.plot.*}, CONFIGURATION.md section "web"). The day
 * range is {@code dx.web.chart-window} in buckets of {@code dx.web.chart-bucket}.
 *
 * @param weekWindow how far back the week range reaches
 * @param weekBucket one point of the week range (served from ingest's hourly rollup when whole hours)
 * @param seasonLength the season range when the season's start is not known: ingest knows no sowing
 *     date, so the season is this many days up to today
 * @param seasonBucket one point of the season range (whole days: ingest's daily rollup)
 * @param eventLimit most irrigation events read for one range
 * @param alarmLimit most of the plot's alarms read to mark them on the chart
 */
@ConfigurationProperties("dx.web.plot")
public record PlotProperties(
        Duration weekWindow,
        String weekBucket,
        Period seasonLength,
        String seasonBucket,
        int eventLimit,
        int alarmLimit) {}
