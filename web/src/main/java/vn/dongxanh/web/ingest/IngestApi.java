package vn.dongxanh.web.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * ingest-service's API as the pages use it, called with the signed-in user's access token (got
 * and refreshed by the authorized client manager). The records are this module's reading of
 * ingest's JSON: only the fields the pages show; unknown fields are ignored.
 */
@Component
public class IngestApi {
    private final RestClient http;

    IngestApi(IngestHttp ingest) {
        this.http = ingest.client();
    }

    public record Cooperative(String id, String name, String province) {}

    public record Plot(String id, String cooperative, String name, String crop, double areaHa) {}

    public record Latest(String id, Instant at, List<Value> series) {
        /** One series' newest reading; stale when its device has been silent past ingest's offline limit. */
        public record Value(
                String device, String metric, String unit, String plot, Instant t, double v, boolean stale) {}
    }

    public record Gateway(String id, String cooperative, Boolean online, Instant lastSeen, Health health) {
        public record Health(Long backlogReadings) {}
    }

    public record Aggregate(String device, String metric, String unit, List<Bucket> buckets) {
        public record Bucket(Instant t, Double avg, Double min, Double max) {}
    }

    public Optional<Cooperative> cooperative(String id) {
        return notFoundAsEmpty(
                () -> http.get().uri("/api/cooperatives/{id}", id).retrieve().body(Cooperative.class));
    }

    /** The plots the user may see (ingest confines a cooperative's people to theirs). */
    public List<Plot> plots() {
        return List.of(http.get().uri("/api/plots").retrieve().body(Plot[].class));
    }

    public Latest cooperativeLatest(String cooperative) {
        return http.get()
                .uri("/api/cooperatives/{coop}/latest", cooperative)
                .retrieve()
                .body(Latest.class);
    }

    public Latest plotLatest(String plot) {
        return http.get().uri("/api/plots/{plot}/latest", plot).retrieve().body(Latest.class);
    }

    public List<Gateway> gateways(String cooperative) {
        return List.of(http.get()
                .uri(b -> b.path("/api/gateways")
                        .queryParam("cooperative", cooperative)
                        .build())
                .retrieve()
                .body(Gateway[].class));
    }

    public Aggregate aggregate(String device, String metric, Instant from, Instant to, String bucket) {
        return http.get()
                .uri(b -> b.path("/api/series/aggregate")
                        .queryParam("device", device)
                        .queryParam("metric", metric)
                        .queryParam("from", from.toString())
                        .queryParam("to", to.toString())
                        .queryParam("bucket", bucket)
                        .queryParam("fn", "avg,min,max")
                        .build())
                .retrieve()
                .body(Aggregate.class);
    }

    /** The cooperative's plots and gateways now, as ingest's dashboard API tells them (thresholds too). */
    public vn.dongxanh.contract.dashboard.CooperativeOverview overview(String cooperative) {
        return http.get()
                .uri("/api/cooperatives/{coop}/overview", cooperative)
                .retrieve()
                .body(vn.dongxanh.contract.dashboard.CooperativeOverview.class);
    }

    /** A registered device with its liveness as ingest sees it (the newest stored reading). */
    public record Device(String id, String plot, String kind, String gateway, Instant lastReadingAt, boolean online) {}

    public List<Device> devices(String cooperative) {
        return List.of(http.get()
                .uri(b -> b.path("/api/devices")
                        .queryParam("cooperative", cooperative)
                        .build())
                .retrieve()
                .body(Device[].class));
    }

    /** Batches a gateway skipped ({@code GAP}) or a new outbox ({@code RESET}); {@code missing} 0 once closed. */
    public record Gap(String kind, long fromSeq, long toSeq, long missing, Instant detectedAt, Instant closedAt) {}

    public List<Gap> gaps(String gateway, int limit) {
        return List.of(http.get()
                .uri(b -> b.path("/api/gateways/{id}/gaps")
                        .queryParam("limit", limit)
                        .build(gateway))
                .retrieve()
                .body(Gap[].class));
    }

    private static <T> Optional<T> notFoundAsEmpty(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }
}
