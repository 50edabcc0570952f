package vn.dongxanh.web.trace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.dongxanh.web.WebProperties;

/**
 * traceability-service's API as the batch pages use it, called with the signed-in user's access
 * token, like {@link vn.dongxanh.web.ingest.IngestApi}: the service decides what the user may do.
 * The records are this module's reading of its JSON (docs/security-traceability.md, docs/labels.md).
 */
@Component
public class TraceApi {
    private final RestClient http;

    TraceApi(WebProperties web, OAuth2AuthorizedClientManager clients) {
        var bearer = new OAuth2ClientHttpRequestInterceptor(clients);
        bearer.setClientRegistrationIdResolver(request -> "dx");
        var factory =
                new org.springframework.http.client.JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                        .connectTimeout(web.apiTimeout())
                        .build());
        factory.setReadTimeout(web.apiTimeout());
        this.http = RestClient.builder()
                .baseUrl(web.traceUrl().toString())
                .requestFactory(factory)
                .requestInterceptor(bearer)
                .build();
    }

    /** A batch as the cooperative declares it: the body of creation and of the dry-run checks. */
    public record NewBatch(
            String gtin,
            String lot,
            String code,
            List<String> plotIds,
            LocalDate harvestDate,
            BigDecimal quantityKg,
            List<Long> certificateIds) {}

    public record Batch(
            long id,
            String gtin,
            String lot,
            String code,
            LocalDate harvestDate,
            BigDecimal quantityKg,
            List<String> plots,
            List<Long> certificates,
            boolean published) {}

    /** The dry run's answer: {@code passed} when creation would accept the batch as it stands. */
    public record Checks(boolean passed, List<Check> checks) {
        public record Check(String check, String rule, String subject, String outcome, String message) {
            public boolean passed() {
                return "PASS".equals(outcome);
            }

            public boolean failed() {
                return "FAIL".equals(outcome);
            }
        }
    }

    /** A label file as traceability-service answered it: its bytes, type and file name. */
    public record LabelFile(byte[] body, MediaType type, String disposition) {}

    public Checks checks(NewBatch batch) {
        return http.post()
                .uri("/api/batches/checks")
                .contentType(MediaType.APPLICATION_JSON)
                .body(batch)
                .retrieve()
                .body(Checks.class);
    }

    public Batch create(NewBatch batch) {
        return http.post()
                .uri("/api/batches")
                .contentType(MediaType.APPLICATION_JSON)
                .body(batch)
                .retrieve()
                .body(Batch.class);
    }

    /** The user's cooperative's batches, the newest harvest first. */
    public List<Batch> batches() {
        return List.of(http.get().uri("/api/batches").retrieve().body(Batch[].class));
    }

    public Batch batch(long id) {
        return http.get().uri("/api/batches/{id}", id).retrieve().body(Batch.class);
    }

    /** {@code labels.pdf}, {@code label.png} or {@code label.svg} of a batch, with the sheet's parameters. */
    public LabelFile label(long id, String file, Integer count, Integer columns, Integer rows, Integer skip) {
        ResponseEntity<byte[]> answer = http.get()
                .uri(b -> b.path("/api/batches/{id}/" + file)
                        .queryParamIfPresent("count", java.util.Optional.ofNullable(count))
                        .queryParamIfPresent("columns", java.util.Optional.ofNullable(columns))
                        .queryParamIfPresent("rows", java.util.Optional.ofNullable(rows))
                        .queryParamIfPresent("skip", java.util.Optional.ofNullable(skip))
                        .build(id))
                .retrieve()
                .toEntity(byte[].class);
        return new LabelFile(
                answer.getBody(),
                answer.getHeaders().getContentType(),
                answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
    }
}
