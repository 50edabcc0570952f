package vn.dongxanh.web.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateways page's options ({@code dx.web.gateways.*}, CONFIGURATION.md section "web").
 *
 * @param gapLimit how many of each gateway's newest gaps the page lists
 */
@ConfigurationProperties("dx.web.gateways")
public record GatewaysProperties(int gapLimit) {}
