package vn.dongxanh.web.map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The overview map's options ({@code dx.web.map.*}, CONFIGURATION.md section "web").
 *
 * @param tileUrl a tile server's URL template ({@code …/{z}/{x}/{y}.png}); empty: the plots are drawn
 *     on a plain background (fields have no reliable internet). Its origin must also be allowed in
 *     the CSP's {@code img-src}
 */
@ConfigurationProperties("dx.web.map")
public record MapProperties(String tileUrl) {
    public MapProperties {
        tileUrl = tileUrl == null ? "" : tileUrl.strip();
    }
}
