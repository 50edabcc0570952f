package vn.dongxanh.trace.listing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * The public listing feed for provincial e-commerce floors (docs/listing-feed.md): the live lots of
 * the province ({@code GET /api/listing}) or of one cooperative ({@code GET
 * /api/listing/{cooperative}}), as JSON-LD ({@code application/ld+json}, schema.org) or CSV
 * ({@code text/csv}), chosen by {@code format=jsonld|csv} or the Accept header (JSON-LD unless CSV
 * is preferred). Pages by {@code after} (the cursor of the previous page) and {@code limit}, with
 * {@code Link: <…>; rel="next"}; a CSV asked for without {@code limit} is the whole feed, written
 * as it is read, a page at a time. Public for anyone: it lists only published, live lots, and
 * names organisations, never people.
 */
@RestController
public class ListingController {
    static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final ListingFeed feed;
    private final ListingProperties props;
    private final PublicProperties web;
    private final JsonMapper json;
    private final Clock clock;

    public ListingController(
            ListingFeed feed, ListingProperties props, PublicProperties web, JsonMapper json, Clock clock) {
        this.feed = feed;
        this.props = props;
        this.web = web;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/listing")
    public void province(
            @RequestParam(required = false) String format,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        serve(
                Optional.empty(),
                "Đồng Xanh: live lots of every cooperative",
                format,
                after,
                limit,
                accept,
                request,
                response);
    }

    @GetMapping("/api/listing/{cooperative}")
    public void cooperative(
            @PathVariable String cooperative,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        // a cooperative that never published a batch has no public feed: the same 404 as an unknown id
        String name = feed.cooperativeName(cooperative)
                .orElseThrow(() -> Refusal.notFound("no listing of cooperative " + cooperative));
        serve(
                Optional.of(cooperative),
                "Đồng Xanh: live lots of " + name,
                format,
                after,
                limit,
                accept,
                request,
                response);
    }

    private void serve(
            Optional<String> cooperative,
            String name,
            String format,
            Long after,
            Integer limit,
            String accept,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        boolean csv = csv(format, accept);
        if (after != null && after < 0) throw Refusal.badRequest("'after' must be 0 or more, not " + after);
        if (limit != null && (limit < 1 || limit > props.maxLimit())) {
            throw Refusal.badRequest("'limit' must be 1 to " + props.maxLimit() + ", not " + limit);
        }
        long from = after == null ? 0 : after;
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (csv && limit == null) {
            whole(cooperative, from, response);
            return;
        }
        ListingFeed.Page page = feed.page(cooperative, from, limit == null ? props.defaultLimit() : limit);
        Optional<String> next = next(page.next(), request);
        next.ifPresent(n -> response.setHeader(HttpHeaders.LINK, "<" + n + ">; rel=\"next\""));
        if (csv) {
            response.setContentType(CSV + ";charset=UTF-8");
            try (Writer out = writer(response)) {
                var printer = ListingCsv.printer(out);
                for (ListedLot lot : page.lots()) ListingCsv.print(printer, lot);
                printer.flush();
            }
            return;
        }
        String self = web.publicUrl() + request.getRequestURI();
        response.setContentType(JSON_LD + ";charset=UTF-8");
        try (Writer out = writer(response)) {
            json.writeValue(
                    out, ListingJsonLd.document(self, name, page, next.map(n -> web.publicUrl() + n), clock.instant()));
        }
    }

    /** The whole feed as CSV, read and written a page at a time: never all of it in memory. */
    private void whole(Optional<String> cooperative, long from, HttpServletResponse response) throws IOException {
        response.setContentType(CSV + ";charset=UTF-8");
        try (Writer out = writer(response)) {
            var printer = ListingCsv.printer(out);
            OptionalLong cursor = OptionalLong.of(from);
            while (cursor.isPresent()) {
                ListingFeed.Page page = feed.page(cooperative, cursor.getAsLong(), props.defaultLimit());
                for (ListedLot lot : page.lots()) ListingCsv.print(printer, lot);
                printer.flush();
                cursor = page.next();
            }
        }
    }

    private static Writer writer(HttpServletResponse response) throws IOException {
        return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** The next page: this request with {@code after} moved on, relative to this origin. */
    private static Optional<String> next(OptionalLong cursor, HttpServletRequest request) {
        if (cursor.isEmpty()) return Optional.empty();
        return Optional.of(UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("after", cursor.getAsLong())
                .build()
                .toUriString());
    }

    /** CSV when {@code format=csv}, or when the Accept header ranks text/csv above every JSON form. */
    static boolean csv(String format, String accept) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "jsonld", "json-ld" -> false;
                default -> throw Refusal.badRequest("'format' must be jsonld or csv, not " + format);
            };
        }
        if (accept == null || accept.isBlank()) return false;
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double csv = quality(ranges, CSV);
        return csv > Math.max(quality(ranges, JSON_LD), quality(ranges, MediaType.APPLICATION_JSON));
    }

    /** The quality the client gives a type: that of the most specific range including it (RFC 9110 §12.5.1). */
    private static double quality(List<MediaType> ranges, MediaType type) {
        MediaType best = null;
        for (MediaType range : ranges) {
            if (range.includes(type) && (best == null || specificity(range) > specificity(best))) best = range;
        }
        return best == null ? 0 : best.getQualityValue();
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }
}
