package vn.dongxanh.identity.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Options of the identity provider ({@code dx.identity.*}); defaults in application.yaml,
 * documented in CONFIGURATION.md.
 *
 * @param issuer the issuer URL put in every token's {@code iss} and served by discovery; the
 *     services are configured with exactly this string
 * @param signingKeyFile JWK set holding the RSA private signing key; generated when absent
 * @param seedFile organisations, users and clients applied at start; none when empty
 * @param passwordEncoding how new passwords and client secrets are hashed: {@code argon2} or {@code bcrypt}
 * @param tokens token lifetimes
 * @param login limits on failed sign-ins
 * @param purgeInterval how often expired authorizations are deleted from the database
 */
@ConfigurationProperties("dx.identity")
public record IdentityProperties(
        String issuer,
        Path signingKeyFile,
        Path seedFile,
        @DefaultValue("argon2") String passwordEncoding,
        Tokens tokens,
        Login login,
        @DefaultValue("1h") Duration purgeInterval) {

    public IdentityProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("dx.identity.issuer (DX_IDENTITY_ISSUER) must be set");
        }
        if (issuer.endsWith("/")) {
            // "iss" is compared as a string by the services: one spelling only
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        if (seedFile != null && seedFile.toString().isBlank()) {
            seedFile = null;
        }
        if (signingKeyFile == null || signingKeyFile.toString().isBlank()) {
            signingKeyFile = Path.of("identity-signing-key.json");
        }
        if (tokens == null) {
            tokens = new Tokens(null, null, null);
        }
        if (login == null) {
            login = new Login(5, null);
        }
    }

    /**
     * @param accessToken lifetime of access tokens (user and service)
     * @param refreshToken lifetime of refresh tokens (confidential clients only; rotated on use)
     * @param authorizationCode lifetime of an authorization code
     */
    public record Tokens(Duration accessToken, Duration refreshToken, Duration authorizationCode) {
        public Tokens {
            accessToken = accessToken != null ? accessToken : Duration.ofMinutes(10);
            refreshToken = refreshToken != null ? refreshToken : Duration.ofHours(8);
            authorizationCode = authorizationCode != null ? authorizationCode : Duration.ofMinutes(5);
        }
    }

    /**
     * @param maxFailures wrong passwords in a row after which a user name is refused for {@code lockFor}
     * @param lockFor how long a user name stays refused after {@code maxFailures}
     */
    public record Login(@DefaultValue("5") int maxFailures, Duration lockFor) {
        public Login {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("dx.identity.login.max-failures must be at least 1");
            }
            lockFor = lockFor != null ? lockFor : Duration.ofMinutes(5);
        }
    }
}
