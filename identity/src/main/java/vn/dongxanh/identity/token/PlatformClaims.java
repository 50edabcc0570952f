package vn.dongxanh.identity.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.identity.account.Account;
import vn.dongxanh.identity.account.Accounts;
import vn.dongxanh.identity.client.ClientProfile;
import vn.dongxanh.identity.client.ClientProfiles;

/**
 * Puts the platform's claims into the tokens (docs/identity.md "Claims"):
 * <ul>
 *   <li>access tokens: {@code aud} = the client's configured audience; for a person
 *       {@code org} and {@code roles} read from the users table when the token is minted (so a
 *       change of role or a disabled account takes effect at the next refresh); for a client's
 *       own token (client credentials) the client's roles and, if configured, its organisation.
 *       Never a person's name: access tokens travel to every service and into their logs.</li>
 *   <li>ID tokens (for the signing-in application only): {@code name}, {@code org}, {@code roles}.</li>
 * </ul>
 */
public final class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {
    private final Accounts accounts;
    private final ClientProfiles profiles;

    public PlatformClaims(Accounts accounts, ClientProfiles profiles) {
        this.accounts = accounts;
        this.profiles = profiles;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        String clientId = context.getRegisteredClient().getClientId();
        boolean clientsOwn = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            ClientProfile profile = profiles.find(clientId)
                    .orElseThrow(() -> refused("client '" + clientId + "' has no audience configured"));
            var claims = context.getClaims();
            claims.audience(mutable(profile.audience()));
            if (clientsOwn) {
                claims.claim(TokenClaims.ROLES, mutable(profile.roleNames()));
                if (profile.organisation() != null) {
                    claims.claim(TokenClaims.ORGANISATION, profile.organisation());
                }
            } else {
                Account account = person(context);
                claims.claim(TokenClaims.ORGANISATION, account.organisation());
                claims.claim(TokenClaims.ROLES, mutable(account.roleNames()));
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue()) && !clientsOwn) {
            Account account = person(context);
            var claims = context.getClaims();
            claims.claim(StandardClaimNames.NAME, account.displayName());
            claims.claim(TokenClaims.ORGANISATION, account.organisation());
            claims.claim(TokenClaims.ROLES, mutable(account.roleNames()));
        }
    }

    /** The signed-in person, as the users table has them now; a removed or disabled account gets no more tokens. */
    private Account person(JwtEncodingContext context) {
        String username = context.getPrincipal().getName();
        Optional<Account> account = accounts.find(username).filter(Account::enabled);
        return account.orElseThrow(() -> refused("the account is disabled or no longer exists"));
    }

    /**
     * The claims are also stored with the authorization (JDBC, as JSON with type ids), and the
     * reader allows only the common collection classes: not the JDK's immutable lists.
     */
    private static List<String> mutable(List<String> values) {
        return new ArrayList<>(values);
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, why, null));
    }
}
