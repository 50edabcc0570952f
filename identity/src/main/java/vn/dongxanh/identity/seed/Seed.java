package vn.dongxanh.identity.seed;

import java.util.List;
import java.util.Set;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.identity.account.OrganisationKind;

/** A seed file, read and checked (format: docs/identity.md "The seed file"). */
public record Seed(List<Organisation> organisations, List<User> users, List<Client> clients) {

    public Seed {
        organisations = List.copyOf(organisations);
        users = List.copyOf(users);
        clients = List.copyOf(clients);
    }

    public record Organisation(String id, String name, OrganisationKind kind) {}

    /** @param password a plain password (hashed on the way in) or a {@code {bcrypt}}/{@code {argon2}} hash */
    public record User(
            String username,
            String password,
            String name,
            String organisation,
            List<PlatformRole> roles,
            boolean enabled) {}

    /** @param secret null for a public client (PKCE, no client authentication) */
    public record Client(
            String id,
            String name,
            String secret,
            Set<String> grants,
            List<PlatformRole> roles,
            String organisation,
            List<String> audience,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            List<String> scopes,
            boolean pkce) {

        public boolean isPublic() {
            return secret == null;
        }
    }
}
