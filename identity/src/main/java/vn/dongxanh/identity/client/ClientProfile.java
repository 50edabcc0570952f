package vn.dongxanh.identity.client;

import java.util.List;
import vn.dongxanh.contract.identity.PlatformRole;

/**
 * What the platform adds to a registered OAuth client: the audience of its tokens, the roles of
 * its own (client-credentials) tokens, and the organisation it acts for, if any.
 */
public record ClientProfile(String clientId, List<String> audience, List<PlatformRole> roles, String organisation) {
    public ClientProfile {
        audience = List.copyOf(audience);
        roles = List.copyOf(roles);
    }

    public List<String> roleNames() {
        return roles.stream().map(PlatformRole::claimValue).toList();
    }
}
