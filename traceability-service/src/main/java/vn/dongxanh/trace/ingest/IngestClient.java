package vn.dongxanh.trace.ingest;

import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.contract.irrigation.PlotActivityCodec;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.trace.web.Refusal;

/**
 * Reads from ingest-service what traceability-service needs of it: a plot's season summary ({@code
 * GET /api/plots/{plot}/season-summary}) and every plot's activity ({@code GET /api/plot-activity}),
 * decoded by the contract's codecs. Every failure is a {@link Refusal} that says what happened:
 * 503 {@code ingest-unavailable} when ingest cannot be reached or fails, 422 {@code
 * ingest-plot-unknown} when it has no such plot, 422 {@code ingest-refused} when it refuses the
 * range, 502 {@code ingest-bad-answer} when its answer is not a season summary.
 */
@Component
public class IngestClient {
    private final RestClient rest;
    private final IngestProperties props;
    private final IngestCredentials credentials;

    public IngestClient(IngestProperties props, IngestCredentials credentials) {
        this.props = props;
        this.credentials = credentials;
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(props.connectTimeout()).build());
        factory.setReadTimeout(props.readTimeout());
        this.rest = RestClient.builder()
                .baseUrl(props.baseUrl().toString())
                .requestFactory(factory)
                .build();
    }

    /** The summary of ingest's plot {@code plot} over local days from..to, both included. */
    public SeasonSummary seasonSummary(String plot, LocalDate from, LocalDate to) {
        return get(
                "/api/plots/" + plot + "/season-summary",
                "/api/plots/{plot}/season-summary?from={from}&to={to}",
                new Object[] {plot, from, to},
                SeasonSummaryCodec::decode,
                "a season summary",
                answer -> Refusal.rule(
                        "ingest-plot-unknown",
                        "plot " + plot + " is not registered in ingest-service (" + answer
                                + "); register it there under the same id"));
    }

    /** Every plot's days of sensor readings and irrigation over local days from..to (docs/findings.md). */
    public PlotActivity plotActivity(LocalDate from, LocalDate to) {
        return get(
                "/api/plot-activity",
                "/api/plot-activity?from={from}&to={to}",
                new Object[] {from, to},
                PlotActivityCodec::decode,
                "plot activity",
                null);
    }

    /**
     * GET {@code template} from ingest with the service's bearer token, its 200 decoded by {@code
     * decode}. {@code notFound}, given ingest's answer, says what a 404 means (null: a refusal like
     * any other 4xx).
     */
    private <T> T get(
            String path,
            String template,
            Object[] vars,
            Function<byte[], T> decode,
            String what,
            Function<String, Refusal> notFound) {
        String where = props.baseUrl() + path;
        var bearer = credentials.bearer(); // a 503 naming the token endpoint when it cannot be had
        try {
            return rest.get()
                    .uri(template, vars)
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(h -> bearer.ifPresent(h::setBearerAuth))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        byte[] body = response.getBody().readAllBytes();
                        if (status == 200) return decode(body, decode, what, where);
                        String detail = detail(body);
                        if (status == 401 || status == 403) {
                            throw unavailable("ingest-service refused traceability-service's credentials at " + where
                                    + " (" + status + detail + "): check DX_TRACE_INGEST_CLIENT_ID and"
                                    + " DX_TRACE_INGEST_CLIENT_SECRET, and the client's audience at the provider");
                        }
                        if (status == 404 && notFound != null) throw notFound.apply(where + ": 404" + detail);
                        if (status >= 400 && status < 500) {
                            throw Refusal.rule(
                                    "ingest-refused", "ingest-service refused " + where + ": " + status + detail);
                        }
                        throw unavailable("ingest-service answered " + status + " at " + where + detail);
                    });
        } catch (ResourceAccessException e) {
            throw unavailable("ingest-service did not answer at " + where + ": " + rootMessage(e));
        }
    }

    private static <T> T decode(byte[] body, Function<byte[], T> decode, String what, String where) {
        try {
            return decode.apply(body);
        } catch (IllegalArgumentException e) {
            throw new Refusal(
                    HttpStatus.BAD_GATEWAY,
                    "ingest-bad-answer",
                    "ingest-service's answer at " + where + " is not " + what + ": " + e.getMessage());
        }
    }

    private static Refusal unavailable(String reason) {
        return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "ingest-unavailable", reason);
    }

    /** ingest's problem detail, when its body has one. */
    private static String detail(byte[] body) {
        try {
            String d = Json.MAPPER.readTree(body).path("detail").asString("");
            return d.isEmpty() ? "" : " — " + d;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }
}
