package vn.dongxanh.trace.growingarea;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Paging;
import vn.dongxanh.trace.web.Refusal;

/**
 * Plots and growing-area codes over HTTP. A cooperative's manager registers its plots and applies
 * for codes; only the department changes a code's status; who reads what is {@link Access}'s. A
 * code's history names who changed it only to the department and the code's cooperative; others
 * see the acting organisation.
 */
@RestController
public class GrowingAreaController {
    private final PlotService plots;
    private final CodeRegister codes;
    private final CodeReviews reviews;
    private final Access access;
    private final JdbcClient jdbc;
    private final Paging paging;

    public GrowingAreaController(
            PlotService plots, CodeRegister codes, CodeReviews reviews, Access access, JdbcClient jdbc, Paging paging) {
        this.reviews = reviews;
        this.plots = plots;
        this.paging = paging;
        this.codes = codes;
        this.access = access;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/plots")
    @ResponseStatus(HttpStatus.CREATED)
    public Plot registerPlot(@RequestBody PlotService.NewPlot plot, Authentication auth) {
        return plots.register(access.require(auth, PlatformRole.COOP_MANAGER), plot);
    }

    /**
     * The caller's cooperative's plots with their polygons, in id order, paged ({@link Paging}): one
     * call where a client would otherwise ask for each plot it knows.
     */
    @GetMapping("/api/plots")
    public ResponseEntity<List<Plot>> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset,
            Authentication auth,
            HttpServletRequest request) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        String cooperative =
                actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative's user lists its plots"));
        Paging.Window w = paging.window(limit, offset);
        return paging.page(plots.ofOrganisation(cooperative, w.probe(), w.offset()), w, request);
    }

    @GetMapping("/api/plots/{id}")
    public Plot plot(@PathVariable String id, Authentication auth) {
        access.readPlot(auth, id);
        return plots.find(id).orElseThrow(() -> Refusal.notFound("no plot " + id));
    }

    @PostMapping("/api/codes")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> apply(@RequestBody CodeRegister.Application application, Authentication auth) {
        return view(
                codes.apply(access.require(auth, PlatformRole.COOP_MANAGER), application)
                        .code(),
                true);
    }

    @PostMapping("/api/codes/{code}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Record the yearly review of an issued code (the department)",
            description = "reviewedOn (default today, not in the future, not before the code's last issue), notes"
                    + " (what was looked at), evidence (as a status change's). Stored as a record anchored on the"
                    + " ledger; the code's next review falls due review-interval after it.")
    @ApiResponse(responseCode = "201", description = "the review, and the code as it stands")
    @ApiResponse(responseCode = "400", description = "a field missing or wrong, named")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    @ApiResponse(responseCode = "404", description = "no such code")
    @ApiResponse(responseCode = "409", description = "the code is not issued")
    public Map<String, Object> review(
            @PathVariable String code, @RequestBody CodeReviews.NewReview review, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        reviews.record(actor, code, review);
        return view(code, true);
    }

    @PostMapping("/api/codes/{code}/status")
    public Map<String, Object> changeStatus(
            @PathVariable String code, @RequestBody CodeRegister.StatusChange change, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        return view(codes.changeStatus(actor, code, change).code(), true);
    }

    @GetMapping("/api/codes/{code}")
    public Map<String, Object> code(@PathVariable String code, Authentication auth) {
        access.readCode(auth, code);
        String owner = codes.find(code).map(GrowingAreaCode::organisationId).orElse("");
        return view(code, Access.seesPersons(auth, owner));
    }

    private Map<String, Object> view(String code, boolean persons) {
        GrowingAreaCode c = codes.find(code).orElseThrow(() -> Refusal.notFound("no code " + code));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", c.code());
        body.put("organisation", c.organisationId());
        body.put("crop", c.crop());
        if (c.commune() != null) body.put("commune", c.commune());
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
                    if (persons) h.put("actor", e.actor());
                    e.actorOrganisation().ifPresent(o -> h.put("actorOrganisation", o));
                    h.put("recordId", e.recordId());
                    e.ledgerTx().ifPresent(tx -> h.put("ledger", ledger(tx)));
                    return h;
                })
                .toList();
        body.put("history", history);
        body.put(
                "reviews",
                reviews.of(code).stream()
                        .map(r -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("reviewedOn", r.reviewedOn().toString());
                            m.put("notes", r.notes());
                            m.put("evidence", r.evidence());
                            if (persons) m.put("actor", r.actor());
                            r.actorOrganisation().ifPresent(o -> m.put("actorOrganisation", o));
                            m.put("recordId", r.recordId());
                            return m;
                        })
                        .toList());
        reviews.dueOn(code).ifPresent(d -> body.put("reviewDueOn", d.toString()));
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
