package vn.dongxanh.trace.qr;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.batch.BatchService;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/** The label QR of a batch: its GS1 Digital Link URI {@code /01/{gtin14}/10/{lot}} on our resolver. */
@RestController
public class QrController {
    private final BatchService batches;
    private final QrCodes qr;
    private final PublicProperties web;

    public QrController(BatchService batches, QrCodes qr, PublicProperties web) {
        this.batches = batches;
        this.qr = qr;
        this.web = web;
    }

    private String link(long id) {
        Batch batch = batches.find(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
        return web.digitalLink(batch.gtin(), batch.lot());
    }

    @GetMapping(value = "/api/batches/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> png(@PathVariable long id) {
        String link = link(id);
        return ResponseEntity.ok()
                .header("Link", "<" + link + ">; rel=\"describedby\"")
                .body(qr.png(link));
    }

    @GetMapping(value = "/api/batches/{id}/qr.svg", produces = "image/svg+xml")
    public ResponseEntity<String> svg(@PathVariable long id) {
        String link = link(id);
        return ResponseEntity.ok()
                .header("Link", "<" + link + ">; rel=\"describedby\"")
                .body(qr.svg(link));
    }
}
