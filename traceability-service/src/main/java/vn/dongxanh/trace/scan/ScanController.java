package vn.dongxanh.trace.scan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.Refusal;

/**
 * What the scans of lots say (docs/scan-signals.md): a batch's counts by day and region with its
 * flags, for its cooperative and the department; and the flags of possibly cloned labels, the
 * department's all, a cooperative's its own. Counts reach the database every {@code
 * dx.trace.scans.flush-interval}.
 */
@RestController
class ScanController {
    private static final int MAX_LIMIT = 1000;

    private final JdbcClient jdbc;
    private final Access access;
    private final ScanSignals signals;
    private final ScanProperties props;

    ScanController(JdbcClient jdbc, Access access, ScanSignals signals, ScanProperties props) {
        this.jdbc = jdbc;
        this.access = access;
        this.signals = signals;
        this.props = props;
    }

    @GetMapping("/api/batches/{id}/scans")
    @Operation(
            summary = "A batch's scans by day and coarse region, and its flags (its cooperative, the department)",
            description = "No address or person is kept: a scan is counted under its day and region only.")
    @ApiResponse(responseCode = "200", description = "the counts, newest day first, and the flags")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "the batch is seen but not of the caller's cooperative")
    @ApiResponse(responseCode = "404", description = "no such batch, or not seen by the caller")
    public Map<String, Object> scans(@PathVariable long id, Authentication auth) {
        access.readScans(auth, id);
        var quantity = jdbc.sql("select quantity_kg from batch where id = ?")
                .param(id)
                .query(java.math.BigDecimal.class)
                .single();
        List<Map<String, Object>> days = jdbc.sql(
                        "select day, region, scans from lot_scan_day where batch_id = ? order by day desc, region")
                .param(id)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("day", rs.getDate("day").toLocalDate().toString());
                    m.put("region", rs.getString("region"));
                    m.put("scans", rs.getLong("scans"));
                    return m;
                })
                .list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", id);
        body.put("units", signals.units(quantity));
        body.put("kgPerUnit", props.kgPerUnit().stripTrailingZeros().toPlainString());
        body.put("total", days.stream().mapToLong(d -> (Long) d.get("scans")).sum());
        body.put("days", days);
        body.put("flags", flags("where f.batch_id = ?", List.of(id), 0, MAX_LIMIT));
        return body;
    }

    @GetMapping("/api/scans/flags")
    @Operation(
            summary = "Lots flagged as possibly cloned labels (the department: all; a cooperative: its own)",
            description =
                    "Oldest first, 'limit' (default 100) after 'afterId'; 'next' is the afterId of the next page.")
    @ApiResponse(responseCode = "200", description = "the flags")
    @ApiResponse(responseCode = "400", description = "'limit' or 'afterId' out of range")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "neither the department nor a cooperative's user")
    public Map<String, Object> flags(
            @RequestParam(required = false) Long afterId,
            @RequestParam(required = false) Integer limit,
            Authentication auth) {
        Optional<String> cooperative = access.cooperativeScope(auth, Optional.empty());
        long after = afterId == null ? 0 : afterId;
        int n = limit == null ? 100 : limit;
        if (after < 0) throw Refusal.badRequest("'afterId' must be 0 or more, not " + after);
        if (n < 1 || n > MAX_LIMIT) throw Refusal.badRequest("'limit' must be 1 to " + MAX_LIMIT + ", not " + n);
        List<Map<String, Object>> found = cooperative
                .map(c -> flags("where f.organisation_id = ?", List.of(c), after, n))
                .orElseGet(() -> flags("where true", List.of(), after, n));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flags", found);
        if (found.size() == n) body.put("next", found.getLast().get("id"));
        return body;
    }

    private List<Map<String, Object>> flags(String where, List<Object> params, long after, int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(after);
        all.add(limit);
        return jdbc.sql("select f.id, f.batch_id, b.gtin, b.lot, f.organisation_id, f.kind, f.day, f.detail,"
                        + " f.raised_at from scan_flag f join batch b on b.id = f.batch_id " + where
                        + " and f.id > ? order by f.id limit ?")
                .params(all)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("batch", rs.getLong("batch_id"));
                    m.put("gtin", rs.getString("gtin"));
                    m.put("lot", rs.getString("lot"));
                    m.put("organisation", rs.getString("organisation_id"));
                    m.put("kind", rs.getString("kind"));
                    m.put("day", rs.getDate("day").toLocalDate().toString());
                    m.put("detail", rs.getString("detail"));
                    m.put("raisedAt", rs.getTimestamp("raised_at").toInstant().toString());
                    return m;
                })
                .list();
    }
}
