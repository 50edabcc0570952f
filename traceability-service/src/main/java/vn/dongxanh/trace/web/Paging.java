package vn.dongxanh.trace.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pages of a list by {@code limit} and {@code offset}. The body stays a JSON array (what clients
 * of the unpaged list read); when there are more, the answer carries {@code Link: <…>; rel="next"}
 * (RFC 8288), the same request with the next offset, relative to this origin.
 */
@Component
public class Paging {
    private final ListProperties props;

    public Paging(ListProperties props) {
        this.props = props;
    }

    /** A page asked for: at most {@code limit} items after the first {@code offset}. */
    public record Window(int limit, int offset) {
        /** Rows to read: one more than the page, to know whether there are more. */
        public int probe() {
            return limit + 1;
        }
    }

    /** The window of the request's parameters: 400 (problem+json) when out of range. */
    public Window window(Integer limit, Integer offset) {
        int l = limit == null ? props.defaultLimit() : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > props.maxLimit()) {
            throw Refusal.badRequest("'limit' must be 1 to " + props.maxLimit() + ", not " + l);
        }
        if (o < 0) throw Refusal.badRequest("'offset' must be 0 or more, not " + o);
        return new Window(l, o);
    }

    /** The page of {@code rows} (read with {@link Window#probe()}), with the next page's link when there are more. */
    public <T> ResponseEntity<List<T>> page(List<T> rows, Window w, HttpServletRequest request) {
        if (rows.size() <= w.limit()) return ResponseEntity.ok(rows);
        String next = UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("limit", w.limit())
                .replaceQueryParam("offset", w.offset() + w.limit())
                .build()
                .toUriString();
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                .body(rows.subList(0, w.limit()));
    }
}
