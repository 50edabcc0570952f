package vn.dongxanh.trace.qr;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.batch.BatchService;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * The label QR of a batch: its GS1 Digital Link URI {@code /01/{gtin14}/10/{lot}} on our resolver.
 * Public once the batch is published; before, its cooperative's (see {@link Access}).
 */
@RestController
public class QrController {
    private final BatchService batches;
    private final QrCodes qr;
    private final PublicProperties web;
    private final Access access;

    public QrController(BatchService batches, QrCodes qr, PublicProperties web, Access access) {
        this.batches = batches;
        this.qr = qr;
        this.web = web;
        this.access = access;
    }

    private String link(long id, Authentication auth) {
        access.readBatch(auth, id);
        Batch batch = batches.find(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
        return web.digitalLink(batch.gtin(), batch.lot());
    }

    @GetMapping(value = "/api/batches/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> png(@PathVariable long id, Authentication auth) {
        String link = link(id, auth);
        return ResponseEntity.ok()
                .header("Link", "<" + link + ">; rel=\"describedby\"")
                .body(qr.png(link));
    }

    @GetMapping(value = "/api/batches/{id}/qr.svg", produces = "image/svg+xml")
    public ResponseEntity<String> svg(@PathVariable long id, Authentication auth) {
        String link = link(id, auth);
        return ResponseEntity.ok()
                .header("Link", "<" + link + ">; rel=\"describedby\"")
                .body(qr.svg(link));
    }
}
