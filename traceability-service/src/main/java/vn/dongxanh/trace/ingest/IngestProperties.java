package vn.dongxanh.trace.ingest;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where ingest-service answers ({@code dx.trace.ingest.*}): the season summaries of the diary are
 * pulled from it over HTTP.
 *
 * @param baseUrl ingest-service's base URL (default: the embedded platform's, http://127.0.0.1:8081)
 * @param connectTimeout how long to wait for a connection before calling ingest unreachable
 * @param readTimeout how long to wait for the answer once connected (a season summary reads a season's
 *     hourly rollups, so give it seconds, not milliseconds)
 * @param pullOnBatch when a batch is created, also pull the summary of each of its plots (best effort:
 *     the batch is created whether or not ingest answers)
 * @param client traceability-service's own OAuth2 client credentials for ingest's API
 */
@ConfigurationProperties("dx.trace.ingest")
public record IngestProperties(
        URI baseUrl, Duration connectTimeout, Duration readTimeout, boolean pullOnBatch, Client client) {
    public IngestProperties {
        baseUrl = baseUrl == null ? URI.create("http://127.0.0.1:8081") : baseUrl;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        client = client == null ? new Client(null, null, null, null, null) : client;
    }

    /**
     * The client-credentials grant towards ingest-service.
     *
     * @param id client id at the identity provider (default {@code traceability-service})
     * @param secret its secret; empty = calls to ingest carry no token
     * @param tokenUri the token endpoint; empty = discovered from {@code issuerUri}
     * @param issuerUri the OpenID Connect issuer (default: the one the service accepts tokens from)
     * @param scope scopes to ask for, space or comma separated; empty = none (the provider's defaults)
     */
    public record Client(String id, String secret, String tokenUri, String issuerUri, String scope) {
        public Client {
            id = id == null || id.isBlank() ? "traceability-service" : id;
        }

        public boolean enabled() {
            return secret != null && !secret.isEmpty();
        }

        @Override
        public String toString() {
            return "Client[id=" + id + ", tokenUri=" + tokenUri + ", issuerUri=" + issuerUri + "]"; // no secret
        }
    }
}
