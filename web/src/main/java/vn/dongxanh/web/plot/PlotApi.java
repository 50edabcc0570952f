package vn.dongxanh.web.plot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.web.ingest.IngestHttp;

/**
 * What a plot's page reads from ingest-service besides its readings: irrigation events, water
 * used, the season summary, its alarms and rain per bucket. Called with the signed-in user's token.
 */
@Component
public class PlotApi {
    private final RestClient http;

    PlotApi(IngestHttp ingest) {
        this.http = ingest.client();
    }

    /** An irrigation decision of the plot's gateway. */
    public record Event(String id, String valve, String kind, String reason, String detail, long runS, Instant at) {}

    /** Water delivered over whole local days (ingest's WaterReport: only what the page shows). */
    public record Water(String method, double totalM3, double totalMm, LocalDate from, LocalDate to) {}

    /** An alarm of the plot; {@code raisedValues} hold the reading that raised it when a reading did. */
    public record Alarm(
            long id, String kind, String state, String message, Instant raisedAt, Map<String, Object> raisedValues) {}

    /** One bucket of a sum (rain). */
    public record Sum(Instant t, Double sum) {}

    public record Sums(String unit, List<Sum> buckets) {}

    /** Events with {@code from <= at < to}, oldest first. */
    List<Event> events(String plot, Instant from, Instant to, int limit) {
        return List.of(http.get()
                .uri(b -> b.path("/api/plots/{plot}/irrigation-events")
                        .queryParam("from", from.toString())
                        .queryParam("to", to.toString())
                        .queryParam("limit", limit)
                        .build(plot))
                .retrieve()
                .body(Event[].class));
    }

    Water water(String plot, LocalDate from, LocalDate to) {
        return http.get()
                .uri(b -> b.path("/api/plots/{plot}/water")
                        .queryParam("from", from.toString())
                        .queryParam("to", to.toString())
                        .build(plot))
                .retrieve()
                .body(Water.class);
    }

    SeasonSummary season(String plot, LocalDate from, LocalDate to) {
        return http.get()
                .uri(b -> b.path("/api/plots/{plot}/season-summary")
                        .queryParam("from", from.toString())
                        .queryParam("to", to.toString())
                        .build(plot))
                .retrieve()
                .body(SeasonSummary.class);
    }

    /** The plot's alarms, newest raised first. */
    List<Alarm> alarms(String plot, int limit) {
        return List.of(http.get()
                .uri(b -> b.path("/api/alarms")
                        .queryParam("plot", plot)
                        .queryParam("limit", limit)
                        .build())
                .retrieve()
                .body(Alarm[].class));
    }

    /** A series' sum per bucket (rain); empty when the device has no such series. */
    Sums sums(String device, String metric, Instant from, Instant to, String bucket) {
        try {
            return http.get()
                    .uri(b -> b.path("/api/series/aggregate")
                            .queryParam("device", device)
                            .queryParam("metric", metric)
                            .queryParam("from", from.toString())
                            .queryParam("to", to.toString())
                            .queryParam("bucket", bucket)
                            .queryParam("fn", "sum")
                            .build())
                    .retrieve()
                    .body(Sums.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) return new Sums(null, List.of());
            throw e;
        }
    }
}
