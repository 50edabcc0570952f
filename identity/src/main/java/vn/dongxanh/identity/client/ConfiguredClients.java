package vn.dongxanh.identity.client;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients of the database, with the token lifetimes of the configuration laid
 * over the stored ones when read: changing {@code DX_IDENTITY_ACCESS_TOKEN_TTL} takes effect at
 * the next start for every client, seeded or not.
 */
public final class ConfiguredClients implements RegisteredClientRepository {
    private final RegisteredClientRepository stored;
    private final TokenSettings tokens;

    public ConfiguredClients(RegisteredClientRepository stored, TokenSettings tokens) {
        this.stored = stored;
        this.tokens = tokens;
    }

    @Override
    public void save(RegisteredClient client) {
        stored.save(client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return configured(stored.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return configured(stored.findByClientId(clientId));
    }

    private RegisteredClient configured(RegisteredClient client) {
        return client == null
                ? null
                : RegisteredClient.from(client).tokenSettings(tokens).build();
    }
}
