package vn.dongxanh.identity.config;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.identity.account.AccountAuthenticationProvider;
import vn.dongxanh.identity.account.Accounts;
import vn.dongxanh.identity.account.LoginThrottle;
import vn.dongxanh.identity.account.Passwords;
import vn.dongxanh.identity.client.ClientProfiles;
import vn.dongxanh.identity.client.ConfiguredClients;
import vn.dongxanh.identity.key.SigningKeys;
import vn.dongxanh.identity.seed.SeedApplier;
import vn.dongxanh.identity.seed.SeedReader;
import vn.dongxanh.identity.token.PlatformClaims;

/**
 * The parts of Spring Authorization Server this provider chooses (docs/identity.md "Design"):
 * registered clients, authorizations and consents in PostgreSQL (JDBC), the signing key from the
 * key file, the platform's claims, and the seed applied before the server starts listening.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties props) {
        return AuthorizationServerSettings.builder().issuer(props.issuer()).build();
    }

    @Bean
    SigningKeys signingKeys(IdentityProperties props) {
        return SigningKeys.loadOrCreate(props.signingKeyFile());
    }

    /** Every key of the file: the JWKS endpoint publishes their public halves. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.all());
    }

    /** Signs with the first key only (with several RSA keys Nimbus would not know which to pick). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
    }

    /** For the OIDC userinfo endpoint, which takes this provider's own access tokens. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    TokenSettings tokenSettings(IdentityProperties props) {
        return TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(props.tokens().accessToken())
                .refreshTokenTimeToLive(props.tokens().refreshToken())
                .authorizationCodeTimeToLive(props.tokens().authorizationCode())
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                // a refresh token is used once: the answer carries a new one
                .reuseRefreshTokens(false)
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc, TokenSettings tokens) {
        return new ConfiguredClients(new JdbcRegisteredClientRepository(jdbc), tokens);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> platformClaims(Accounts accounts, ClientProfiles profiles) {
        return new PlatformClaims(accounts, profiles);
    }

    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties props) {
        return Passwords.encoder(props.passwordEncoding());
    }

    @Bean
    LoginThrottle loginThrottle(IdentityProperties props) {
        return new LoginThrottle(props.login().maxFailures(), props.login().lockFor(), Clock.systemUTC());
    }

    /** The only authentication provider: Boot's generated in-memory user never exists. */
    @Bean
    AccountAuthenticationProvider accountAuthenticationProvider(
            Accounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        return new AccountAuthenticationProvider(accounts, encoder, throttle);
    }

    /**
     * The seed, applied while the context starts — after Flyway (this bean needs the
     * JdbcTemplate) and before the web server listens; an invalid seed stops the start.
     */
    @Bean
    SeedApplier seedApplier(
            IdentityProperties props,
            Accounts accounts,
            ClientProfiles profiles,
            RegisteredClientRepository clients,
            PasswordEncoder encoder,
            TokenSettings tokens,
            TransactionTemplate tx) {
        SeedApplier applier = new SeedApplier(accounts, profiles, clients, encoder, tokens, tx);
        if (props.seedFile() != null) {
            applier.apply(SeedReader.read(props.seedFile(), accounts::organisationKind));
        }
        return applier;
    }
}
