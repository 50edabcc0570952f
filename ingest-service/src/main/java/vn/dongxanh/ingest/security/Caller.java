package vn.dongxanh.ingest.security;

import java.util.Set;
import vn.dongxanh.contract.identity.PlatformRole;

/**
 * Who is calling, from a verified token: subject, the organisation it acts for (null for a
 * department or service token without one) and its platform roles.
 */
public record Caller(String subject, String organisation, Set<PlatformRole> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(PlatformRole role) {
        return roles.contains(role);
    }

    /** The department reads the whole province. */
    public boolean department() {
        return has(PlatformRole.DEPARTMENT_OFFICER);
    }

    /** A cooperative's own user (manager or field operator). */
    public boolean cooperativeUser() {
        return roles.stream().anyMatch(PlatformRole::isCooperative);
    }

    /**
     * May this caller read what belongs to cooperative {@code coop}? The department and services
     * read everything they are let through to (the URL rules decide which operations that is); a
     * cooperative's users read only their own.
     */
    public boolean sees(String coop) {
        if (department() || has(PlatformRole.SERVICE)) return true;
        return cooperativeUser() && organisation != null && organisation.equals(coop);
    }

    /** Is this one of cooperative {@code coop}'s own users in {@code role}? */
    public boolean actsFor(String coop, PlatformRole role) {
        return has(role) && organisation != null && organisation.equals(coop);
    }
}
