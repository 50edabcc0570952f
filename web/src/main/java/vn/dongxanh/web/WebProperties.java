package vn.dongxanh.web;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web module's options ({@code dx.web.*}, CONFIGURATION.md section "web"); defaults in
 * application.yaml.
 *
 * @param ingestUrl ingest-service's base URL, called with the signed-in user's access token
 * @param traceUrl traceability-service's base URL, called with the signed-in user's access token (the batch pages)
 * @param zone the zone dates and times are shown in
 * @param apiTimeout how long a page waits for a service's answer before it renders without it
 * @param languages the languages of the switch; the first is the default
 * @param chartWindow how far back a plot's chart reaches
 * @param chartBucket the width of one point of a plot's chart
 * @param contentSecurityPolicy the Content-Security-Policy header of every answer
 * @param liveTimeout how long one live connection of a browser lasts before it reconnects
 */
@ConfigurationProperties("dx.web")
public record WebProperties(
        URI ingestUrl,
        URI traceUrl,
        ZoneId zone,
        Duration apiTimeout,
        List<String> languages,
        Duration chartWindow,
        String chartBucket,
        String contentSecurityPolicy,
        Duration liveTimeout) {}
