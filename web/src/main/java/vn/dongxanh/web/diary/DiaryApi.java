package vn.dongxanh.web.diary;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.signin.ServiceClients;
import vn.dongxanh.web.trace.TraceApi;

/**
 * A plot's farming diary in traceability-service, called with the signed-in user's token: the
 * service decides who reads it, who writes it, and whether the operator's name is shown.
 */
@Component
public class DiaryApi {
    private final RestClient http;

    DiaryApi(WebProperties web, ServiceClients clients) {
        this.http = clients.asUser(web.traceUrl());
    }

    /** The plot as the service registered it: whose it is and its crop. */
    public record Plot(String id, String organisationId, String name, String crop) {}

    /** An entry as the service serves it (operator null unless the reader is the plot's cooperative). */
    public record Entry(
            long id,
            LocalDate date,
            String operation,
            String productName,
            String activeIngredients,
            String dosePerHa,
            String quantity,
            String target,
            String operator,
            String source,
            String notes,
            Integer phiDays,
            String phiSource,
            LocalDate harvestAllowedFrom,
            LocalDate periodFrom,
            LocalDate periodTo,
            long recordId) {}

    /** A page of entries from {@code offset} on, {@code more} when the service names a next page. */
    public record Page(List<Entry> entries, int offset, boolean more) {
        public int nextOffset() {
            return offset + entries.size();
        }
    }

    /** The service's answer to a new entry. */
    public record Added(long id, long recordId, int phiDays) {}

    public Plot plot(String id) {
        return http.get().uri("/api/plots/{id}", id).retrieve().body(Plot.class);
    }

    public Page entries(String plotId, int offset) {
        ResponseEntity<Entry[]> page = http.get()
                .uri(b -> b.path("/api/plots/{id}/diary")
                        .queryParam("offset", offset)
                        .build(plotId))
                .retrieve()
                .toEntity(Entry[].class);
        List<Entry> items = page.getBody() == null ? List.of() : List.of(page.getBody());
        return new Page(items, offset, !items.isEmpty() && TraceApi.hasNext(page.getHeaders()));
    }

    public List<String> operations() {
        String[] ops = http.get().uri("/api/diary/operations").retrieve().body(String[].class);
        return ops == null ? List.of() : List.of(ops);
    }

    public Added add(String plotId, Map<String, Object> entry) {
        return http.post()
                .uri("/api/plots/{id}/diary", plotId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(entry)
                .retrieve()
                .body(Added.class);
    }

    /** Pulls the season's irrigation summary (the service's defaults: from the sowing to today). */
    public long pullIrrigationSummary(String plotId) {
        Map<?, ?> answer = http.post()
                .uri("/api/plots/{id}/diary/irrigation-summary", plotId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of())
                .retrieve()
                .body(Map.class);
        return answer == null ? 0 : ((Number) answer.get("id")).longValue();
    }
}
