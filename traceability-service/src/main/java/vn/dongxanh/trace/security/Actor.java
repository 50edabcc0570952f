package vn.dongxanh.trace.security;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import vn.dongxanh.contract.identity.PlatformRole;

/**
 * Who calls: the token's subject, its platform roles and the organisation it acts for. A token
 * may carry several roles; the actor may do what any of them allows (the union), always for the
 * one organisation of the token (docs/security-traceability.md).
 */
public record Actor(String subject, Set<PlatformRole> roles, Optional<String> organisation) {
    public Actor {
        roles = Set.copyOf(roles);
    }

    /** One role, for one organisation (tests and internal callers). */
    public static Actor of(String subject, PlatformRole role, String organisation) {
        return new Actor(subject, Set.of(role), Optional.ofNullable(organisation));
    }

    public boolean has(PlatformRole role) {
        return roles.contains(role);
    }

    public boolean hasAny(PlatformRole... any) {
        return Arrays.stream(any).anyMatch(roles::contains);
    }

    /** Acts for that organisation: the token's organisation is it. */
    public boolean actsFor(String organisationId) {
        return organisation.map(o -> o.equals(organisationId)).orElse(false);
    }

    /** A cooperative's user (manager or operator) of that cooperative. */
    public boolean isCooperativeOf(String organisationId) {
        return hasAny(PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR) && actsFor(organisationId);
    }

    /** The name under which the actor's changes are recorded today: its subject. */
    public String name() {
        return subject;
    }
}
