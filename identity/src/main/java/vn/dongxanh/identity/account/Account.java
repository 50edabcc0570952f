package vn.dongxanh.identity.account;

import java.util.List;
import vn.dongxanh.contract.identity.PlatformRole;

/** A person who signs in: the organisation they act for and their platform roles. */
public record Account(
        String username,
        String passwordHash,
        String displayName,
        String organisation,
        List<PlatformRole> roles,
        boolean enabled) {

    public Account {
        roles = List.copyOf(roles);
    }

    /** The role names as they appear in the {@code roles} claim. */
    public List<String> roleNames() {
        return roles.stream().map(PlatformRole::claimValue).toList();
    }
}
