package vn.dongxanh.contract.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person or a service may do on the platform. Tokens of the identity provider carry these
 * names (upper case) in the {@link TokenClaims#ROLES} claim; the services check them together with
 * the organisation in {@link TokenClaims#ORGANISATION}. The public (buyers) has no role and no token.
 */
public enum PlatformRole {
    /** Runs a cooperative: its plots, devices, gateways, alarm rules, batches, diary, users. */
    COOP_MANAGER,
    /** Works a cooperative's fields: reads them, sends valve commands, writes the diary. */
    COOP_OPERATOR,
    /** The provincial agriculture department: reads the province, alone issues and changes codes. */
    DEPARTMENT_OFFICER,
    /** A certification body: manages the certificates it issued. */
    CERTIFICATION_BODY,
    /** Another service of the platform calling with its own client credentials. */
    SERVICE;

    /** The claim value of this role. */
    public String claimValue() {
        return name();
    }

    /** The role a claim value names, if it names one (other values belong to other applications). */
    public static Optional<PlatformRole> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (PlatformRole r : values()) {
            if (r.name().equals(v)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Cooperative roles: confined to their own organisation's plots, devices and records. */
    public boolean isCooperative() {
        return this == COOP_MANAGER || this == COOP_OPERATOR;
    }
}
