package vn.dongxanh.identity.account;

import vn.dongxanh.contract.identity.PlatformRole;

/** What an organisation is; it decides which platform roles its people may hold. */
public enum OrganisationKind {
    COOPERATIVE,
    DEPARTMENT,
    CERTIFICATION_BODY;

    /** Whether a person of an organisation of this kind may hold the role. */
    public boolean allows(PlatformRole role) {
        return switch (role) {
            case COOP_MANAGER, COOP_OPERATOR -> this == COOPERATIVE;
            case DEPARTMENT_OFFICER -> this == DEPARTMENT;
            case CERTIFICATION_BODY -> this == CERTIFICATION_BODY;
            case SERVICE -> false;
        };
    }
}
