package vn.dongxanh.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class TraceApiTest {
    private static HttpHeaders link(String... values) {
        var h = new HttpHeaders();
        for (String v : values) h.add(HttpHeaders.LINK, v);
        return h;
    }

    @Test
    void aNextLinkMeansMorePages() {
        assertThat(TraceApi.hasNext(link("</api/plots?limit=100&offset=100>; rel=\"next\"")))
                .isTrue();
        assertThat(TraceApi.hasNext(link("</x>; rel=\"describedby\", </api/batches?offset=5>;rel=next")))
                .isTrue();
        assertThat(TraceApi.hasNext(link("</x>; rel=\"describedby\""))).isFalse();
        assertThat(TraceApi.hasNext(link())).isFalse();
    }
}
