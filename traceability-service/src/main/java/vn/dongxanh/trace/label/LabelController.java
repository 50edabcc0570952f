package vn.dongxanh.trace.label;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.batch.BatchService;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * Labels of a batch (docs/labels.md): the printable A4 sheet, and one label as PNG or SVG. Each
 * carries the product name, the lot, and the lot's GS1 Digital Link URI as QR and as text — the
 * same URI as the batch's QR ({@link PublicProperties#digitalLink}). Printed by the batch's
 * cooperative and the department ({@link Access#labelBatch}).
 */
@RestController
public class LabelController {
    private final BatchService batches;
    private final JdbcClient jdbc;
    private final PublicProperties web;
    private final LabelProperties props;
    private final LabelFonts fonts;
    private final LabelSheet sheet;
    private final SingleLabel single;
    private final Access access;

    public LabelController(
            BatchService batches,
            JdbcClient jdbc,
            PublicProperties web,
            LabelProperties props,
            LabelFonts fonts,
            LabelSheet sheet,
            SingleLabel single,
            Access access) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.web = web;
        this.props = props;
        this.fonts = fonts;
        this.sheet = sheet;
        this.single = single;
        this.access = access;
    }

    private record Labelled(Batch batch, Label label) {}

    private Labelled label(long id, Authentication auth) {
        access.labelBatch(auth, id);
        Batch batch = batches.find(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
        String name = jdbc.sql("select name from product where gtin = ?")
                .param(batch.gtin())
                .query(String.class)
                .single();
        return new Labelled(
                batch, new Label(fonts.printable(name), batch.lot(), web.digitalLink(batch.gtin(), batch.lot())));
    }

    /**
     * The sheet: {@code count} labels (default: one full page) in a grid of {@code columns} ×
     * {@code rows} (defaults from configuration), after {@code skip} places left empty on the first
     * page (a sheet partly used already).
     */
    @GetMapping(value = "/api/batches/{id}/labels.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> sheet(
            @PathVariable long id,
            @RequestParam(required = false) Integer count,
            @RequestParam(required = false) Integer columns,
            @RequestParam(required = false) Integer rows,
            @RequestParam(required = false) Integer skip,
            Authentication auth) {
        int cols = within("columns", columns, props.columns(), 1, props.maxColumns());
        int rws = within("rows", rows, props.rows(), 1, props.maxRows());
        int n = within("count", count, cols * rws, 1, props.maxLabels());
        int empty = within("skip", skip, 0, 0, cols * rws - 1);
        Labelled l = label(id, auth);
        byte[] pdf;
        try {
            pdf = sheet.pdf(l.label(), n, new LabelSheet.Grid(cols, rws, empty));
        } catch (LabelLayout.TooSmall e) {
            throw Refusal.badRequest(e.getMessage());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(l.batch(), "pdf"))
                .header(HttpHeaders.LINK, "<" + l.label().link() + ">; rel=\"describedby\"")
                .body(pdf);
    }

    @GetMapping(value = "/api/batches/{id}/label.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> png(@PathVariable long id, Authentication auth) {
        Labelled l = label(id, auth);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(l.batch(), "png"))
                .header(HttpHeaders.LINK, "<" + l.label().link() + ">; rel=\"describedby\"")
                .body(single.png(l.label()));
    }

    @GetMapping(value = "/api/batches/{id}/label.svg", produces = "image/svg+xml")
    public ResponseEntity<String> svg(@PathVariable long id, Authentication auth) {
        Labelled l = label(id, auth);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(l.batch(), "svg"))
                .header(HttpHeaders.LINK, "<" + l.label().link() + ">; rel=\"describedby\"")
                .body(single.svg(l.label()));
    }

    private static String disposition(Batch batch, String extension) {
        return ContentDisposition.inline()
                .filename("label-" + batch.gtin() + "-" + batch.lot() + "." + extension, StandardCharsets.UTF_8)
                .build()
                .toString();
    }

    /** A query parameter within its bounds, or its default when absent (400 naming it otherwise). */
    private static int within(String name, Integer value, int fallback, int min, int max) {
        if (value == null) return fallback;
        if (value < min || value > max) {
            throw Refusal.badRequest(name + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }
}
