package vn.dongxanh.web.buyer;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public buyer page's options ({@code dx.web.buyer.*}, CONFIGURATION.md section "web").
 *
 * @param trustedProxies the addresses of reverse proxies in front of the web whose {@code
 *     X-Forwarded-For} is believed when telling traceability-service who the client is (its rate
 *     limit is per client); loopback by default. From any other peer the header is ignored.
 */
@ConfigurationProperties("dx.web.buyer")
public record BuyerProperties(List<String> trustedProxies) {
    public BuyerProperties {
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
