package vn.dongxanh.trace.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Paged lists of the API ({@code dx.trace.lists}: {@code GET /api/plots}, {@code GET /api/batches}).
 *
 * @param defaultLimit items in a page when the request names no {@code limit}
 * @param maxLimit the largest {@code limit} taken; more is refused (400), never silently cut
 */
@ConfigurationProperties("dx.trace.lists")
public record ListProperties(Integer defaultLimit, Integer maxLimit) {
    public ListProperties {
        defaultLimit = defaultLimit == null ? 100 : defaultLimit;
        maxLimit = maxLimit == null ? 500 : maxLimit;
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("dx.trace.lists: need 1 <= default-limit <= max-limit");
        }
    }
}
