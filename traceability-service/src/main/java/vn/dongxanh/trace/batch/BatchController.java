package vn.dongxanh.trace.batch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.ingest.IngestProperties;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Paging;
import vn.dongxanh.trace.web.Refusal;

/**
 * Harvest batches: a cooperative's manager creates them (refused with a reason when the records do
 * not back them) and publishes drafts; who reads them is {@link Access}'s.
 */
@RestController
public class BatchController {
    private final BatchService batches;
    private final IrrigationSummaryDiary irrigation;
    private final IngestProperties ingest;
    private final Access access;
    private final Paging paging;

    public BatchController(
            BatchService batches,
            IrrigationSummaryDiary irrigation,
            IngestProperties ingest,
            Access access,
            Paging paging) {
        this.batches = batches;
        this.paging = paging;
        this.irrigation = irrigation;
        this.ingest = ingest;
        this.access = access;
    }

    @PostMapping("/api/batches")
    @ResponseStatus(HttpStatus.CREATED)
    public Batch create(@RequestBody BatchService.NewBatch batch, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER);
        Batch created = batches.create(actor, batch);
        // after the batch is committed, and best effort: ingest being down never blocks a harvest
        if (ingest.pullOnBatch()) irrigation.pullForHarvest(actor, created.plots(), created.harvestDate());
        return created;
    }

    /**
     * The checks creating this batch would apply, each passed, failed or not run, with its rule and
     * reason; nothing is stored. Same body and same rules as {@link #create}.
     */
    @PostMapping("/api/batches/checks")
    public Checks check(@RequestBody BatchService.NewBatch batch, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER);
        BatchChecks.Evaluation evaluation = batches.check(actor, batch);
        return new Checks(evaluation.passed(), evaluation.checks());
    }

    /** The preview's answer: {@code passed} when creation would accept the batch as it stands. */
    public record Checks(boolean passed, List<BatchCheck> checks) {}

    /** Publishes a draft batch: its story (records, proofs, QR) becomes public. */
    @PostMapping("/api/batches/{id}/publication")
    public Batch publish(@PathVariable long id, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER);
        access.changeBatch(actor, auth, id);
        return batches.publish(id);
    }

    /** The caller's cooperative's batches, drafts too, the newest harvest first, paged ({@link Paging}). */
    @GetMapping("/api/batches")
    public ResponseEntity<List<Batch>> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset,
            Authentication auth,
            HttpServletRequest request) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        String cooperative =
                actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative's user lists its batches"));
        Paging.Window w = paging.window(limit, offset);
        return paging.page(batches.ofOrganisation(cooperative, w.probe(), w.offset()), w, request);
    }

    /** A code's batches for the department and the code's cooperative, drafts too, newest harvest first, paged. */
    @GetMapping("/api/codes/{code}/batches")
    public ResponseEntity<List<Batch>> ofCode(
            @PathVariable String code,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset,
            Authentication auth,
            HttpServletRequest request) {
        access.readCodePapers(auth, code);
        Paging.Window w = paging.window(limit, offset);
        return paging.page(batches.ofCode(code, w.probe(), w.offset()), w, request);
    }

    @GetMapping("/api/batches/{id}")
    public Batch get(@PathVariable long id, Authentication auth) {
        access.readBatch(auth, id);
        return batches.find(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
    }
}
