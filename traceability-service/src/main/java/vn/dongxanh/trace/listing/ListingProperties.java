package vn.dongxanh.trace.listing;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The listing feed for e-commerce floors ({@code dx.trace.listing}, docs/listing-feed.md).
 *
 * @param defaultLimit lots in a page when the request names no {@code limit}; also the size of the
 *     chunks a whole CSV feed is read in (so no more than this many lots are in memory at once)
 * @param maxLimit the largest {@code limit} taken; more is refused (400), never silently cut
 * @param endedDispositions CBV dispositions that end a lot's life on the market: a published lot
 *     with an EPCIS event carrying one of them (in any of its forms, {@code recalled},
 *     {@code cbv:Disp-recalled}, {@code https://ref.gs1.org/cbv/Disp-recalled}) is not listed
 */
@ConfigurationProperties("dx.trace.listing")
public record ListingProperties(Integer defaultLimit, Integer maxLimit, List<String> endedDispositions) {
    public ListingProperties {
        defaultLimit = defaultLimit == null ? 500 : defaultLimit;
        maxLimit = maxLimit == null ? 5000 : maxLimit;
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("dx.trace.listing: need 1 <= default-limit <= max-limit");
        }
        endedDispositions = endedDispositions == null || endedDispositions.isEmpty()
                ? List.of("recalled", "expired", "destroyed", "disposed")
                : List.copyOf(endedDispositions);
        for (String d : endedDispositions) {
            // they go into a regular expression: CBV disposition names only
            if (!d.matches("[a-z][a-z_]{0,62}")) {
                throw new IllegalArgumentException(
                        "dx.trace.listing.ended-dispositions: '" + d + "' is not a CBV disposition name");
            }
        }
    }
}
