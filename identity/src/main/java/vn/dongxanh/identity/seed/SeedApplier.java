package vn.dongxanh.identity.seed;

import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.identity.account.Account;
import vn.dongxanh.identity.account.Accounts;
import vn.dongxanh.identity.account.Passwords;
import vn.dongxanh.identity.client.ClientProfile;
import vn.dongxanh.identity.client.ClientProfiles;

/**
 * Writes a checked seed into the database in one transaction: organisations, users and clients
 * are created or updated to match it; nothing the seed does not name is removed. A password or
 * secret is hashed only when it differs from the stored one (checked with the encoder's
 * {@code matches}), so applying the same seed again changes nothing.
 */
public final class SeedApplier {
    private static final Logger log = LoggerFactory.getLogger(SeedApplier.class);

    private final Accounts accounts;
    private final ClientProfiles profiles;
    private final RegisteredClientRepository clients;
    private final PasswordEncoder encoder;
    private final TokenSettings tokens;
    private final TransactionTemplate tx;

    public SeedApplier(
            Accounts accounts,
            ClientProfiles profiles,
            RegisteredClientRepository clients,
            PasswordEncoder encoder,
            TokenSettings tokens,
            TransactionTemplate tx) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.clients = clients;
        this.encoder = encoder;
        this.tokens = tokens;
        this.tx = tx;
    }

    public void apply(Seed seed) {
        tx.executeWithoutResult(status -> {
            seed.organisations().forEach(o -> accounts.upsertOrganisation(o.id(), o.name(), o.kind()));
            for (Seed.User u : seed.users()) {
                String stored =
                        accounts.find(u.username()).map(Account::passwordHash).orElse(null);
                accounts.upsert(new Account(
                        u.username(), hash(u.password(), stored), u.name(), u.organisation(), u.roles(), u.enabled()));
            }
            for (Seed.Client c : seed.clients()) {
                client(c);
            }
        });
        log.info(
                "seed applied: {} organisations, {} users, {} clients",
                seed.organisations().size(),
                seed.users().size(),
                seed.clients().size());
    }

    private void client(Seed.Client c) {
        RegisteredClient existing = clients.findByClientId(c.id());
        RegisteredClient.Builder b = RegisteredClient.withId(
                        existing != null ? existing.getId() : UUID.randomUUID().toString())
                .clientId(c.id())
                .clientName(c.name())
                .clientIdIssuedAt(existing != null ? existing.getClientIdIssuedAt() : Instant.now())
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(c.pkce())
                        // first-party applications of the platform: no consent screen
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens);
        if (c.isPublic()) {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            if (c.grants().contains("refresh_token")) {
                log.warn("client '{}' is public (no secret): it gets no refresh tokens from this provider", c.id());
            }
        } else {
            b.clientSecret(hash(c.secret(), existing != null ? existing.getClientSecret() : null))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        c.grants().forEach(g -> b.authorizationGrantType(new AuthorizationGrantType(g)));
        c.redirectUris().forEach(b::redirectUri);
        c.postLogoutRedirectUris().forEach(b::postLogoutRedirectUri);
        c.scopes().forEach(b::scope);
        clients.save(b.build());
        profiles.upsert(new ClientProfile(c.id(), c.audience(), c.roles(), c.organisation()));
    }

    /** The value to store: a given hash as is; a plain value kept as its stored hash when it still matches it. */
    private String hash(String value, String stored) {
        if (Passwords.looksEncoded(value)) {
            return value;
        }
        if (stored != null && encoder.matches(value, stored)) {
            return stored;
        }
        return encoder.encode(value);
    }
}
