package vn.dongxanh.web.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;

class PublicPathsTest {
    /**
     * The reads passed on to traceability-service are listed twice (an annotation takes no list
     * constant): the security rule's list and the controller's mapping must be the same paths.
     */
    @Test
    void theForwardedReadsAreExactlyThePublicOnes() throws Exception {
        var read = BuyerController.class.getDeclaredMethod(
                "read", jakarta.servlet.http.HttpServletRequest.class, jakarta.servlet.http.HttpServletResponse.class);
        List<String> mapped = List.of(read.getAnnotation(GetMapping.class).value());
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(PublicPaths.READS);
        assertThat(PublicPaths.READS).contains("/api/listing", "/api/listing/*", "/api/lots/*/*/story");
    }
}
