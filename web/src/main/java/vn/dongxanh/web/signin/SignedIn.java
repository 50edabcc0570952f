package vn.dongxanh.web.signin;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;

/**
 * Who is signed in, from the ID token's claims: the organisation they act for and their roles
 * (docs/identity.md). The services decide again from the access token; this only shapes pages.
 */
public record SignedIn(String subject, String organisation, Set<PlatformRole> roles) {

    public static SignedIn of(Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcUser user)) {
            throw new IllegalStateException("not signed in through OpenID Connect: " + authentication);
        }
        List<String> claimed = Optional.ofNullable(user.getClaimAsStringList(TokenClaims.ROLES))
                .orElse(List.of());
        Set<PlatformRole> roles = claimed.stream()
                .map(PlatformRole::fromClaim)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
        return new SignedIn(user.getSubject(), user.getClaimAsString(TokenClaims.ORGANISATION), roles);
    }

    /** Whether someone signed in through OpenID Connect is the department's (anonymous: no). */
    public static boolean department(Authentication authentication) {
        return authentication != null
                && authentication.getPrincipal() instanceof OidcUser
                && of(authentication).roles().contains(PlatformRole.DEPARTMENT_OFFICER);
    }

    /** A cooperative's manager or operator: sees that cooperative's fields. */
    public boolean cooperative() {
        return organisation != null && roles.stream().anyMatch(PlatformRole::isCooperative);
    }
}
