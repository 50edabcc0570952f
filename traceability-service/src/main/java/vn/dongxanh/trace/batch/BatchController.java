package vn.dongxanh.trace.batch;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.ingest.IngestProperties;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.security.LocalUsers;
import vn.dongxanh.trace.web.Refusal;

/** Harvest batches: cooperatives create them (refused with a reason when the records do not back them). */
@RestController
public class BatchController {
    private final BatchService batches;
    private final IrrigationSummaryDiary irrigation;
    private final IngestProperties ingest;
    private final LocalUsers users;

    public BatchController(
            BatchService batches, IrrigationSummaryDiary irrigation, IngestProperties ingest, LocalUsers users) {
        this.batches = batches;
        this.irrigation = irrigation;
        this.ingest = ingest;
        this.users = users;
    }

    @PostMapping("/api/batches")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('COOPERATIVE')")
    public Batch create(@RequestBody BatchService.NewBatch batch, Authentication auth) {
        Actor actor = users.actor(auth);
        Batch created = batches.create(actor, batch);
        // after the batch is committed, and best effort: ingest being down never blocks a harvest
        if (ingest.pullOnBatch()) irrigation.pullForHarvest(actor, created.plots(), created.harvestDate());
        return created;
    }

    @GetMapping("/api/batches/{id}")
    public Batch get(@PathVariable long id) {
        return batches.find(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
    }
}
