package vn.dongxanh.trace.growingarea;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.security.LocalUsers;
import vn.dongxanh.trace.web.Refusal;

/**
 * Plots and growing-area codes over HTTP. Reading is public (the register is open); cooperatives
 * register plots and apply for codes; only the department changes a code's status.
 */
@RestController
public class GrowingAreaController {
    private final PlotService plots;
    private final CodeRegister codes;
    private final LocalUsers users;
    private final JdbcClient jdbc;

    public GrowingAreaController(PlotService plots, CodeRegister codes, LocalUsers users, JdbcClient jdbc) {
        this.plots = plots;
        this.codes = codes;
        this.users = users;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/plots")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('COOPERATIVE', 'DEPARTMENT')")
    public Plot registerPlot(@RequestBody PlotService.NewPlot plot, Authentication auth) {
        return plots.register(users.actor(auth), plot);
    }

    @GetMapping("/api/plots/{id}")
    public Plot plot(@PathVariable String id) {
        return plots.find(id).orElseThrow(() -> Refusal.notFound("no plot " + id));
    }

    @PostMapping("/api/codes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('COOPERATIVE')")
    public Map<String, Object> apply(@RequestBody CodeRegister.Application application, Authentication auth) {
        return view(codes.apply(users.actor(auth), application).code());
    }

    @PostMapping("/api/codes/{code}/status")
    @PreAuthorize("hasRole('DEPARTMENT')")
    public Map<String, Object> changeStatus(
            @PathVariable String code, @RequestBody CodeRegister.StatusChange change, Authentication auth) {
        return view(codes.changeStatus(users.actor(auth), code, change).code());
    }

    @GetMapping("/api/codes/{code}")
    public Map<String, Object> code(@PathVariable String code) {
        return view(code);
    }

    private Map<String, Object> view(String code) {
        GrowingAreaCode c = codes.find(code).orElseThrow(() -> Refusal.notFound("no code " + code));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", c.code());
        body.put("organisation", c.organisationId());
        body.put("crop", c.crop());
        body.put("status", c.status().name());
        body.put("areaHa", c.areaHa());
        body.put("plots", plots.ofCode(code).stream().map(Plot::id).toList());
        List<Map<String, Object>> history = codes.history(code).stream()
                .map(e -> {
                    Map<String, Object> h = new LinkedHashMap<>();
                    e.from().ifPresent(f -> h.put("from", f.name()));
                    h.put("to", e.to().name());
                    h.put("reason", e.reason());
                    h.put("effectiveDate", e.effectiveDate().toString());
                    h.put("evidence", e.evidence());
                    h.put("actor", e.actor());
                    h.put("recordId", e.recordId());
                    e.ledgerTx().ifPresent(tx -> h.put("ledger", ledger(tx)));
                    return h;
                })
                .toList();
        body.put("history", history);
        return body;
    }

    private Map<String, Object> ledger(long tx) {
        return jdbc.sql("select state, tx_hash, block_number from ledger_tx where id = ?")
                .param(tx)
                .query((rs, i) -> {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("state", rs.getString("state"));
                    if (!"QUEUED".equals(rs.getString("state")) && rs.getString("tx_hash") != null) {
                        l.put("transactionHash", rs.getString("tx_hash"));
                    }
                    Object block = rs.getObject("block_number");
                    if (block != null) l.put("blockNumber", block);
                    return l;
                })
                .single();
    }
}
