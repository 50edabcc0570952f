package vn.dongxanh.trace.security;

import java.util.Optional;

/** Who makes a change: the signed-in user, their role and the organisation they act for. */
public record Actor(String name, Role role, Optional<String> organisation) {
    public boolean actsFor(String organisationId) {
        return organisation.map(organisationId::equals).orElse(false);
    }
}
