package vn.dongxanh.contract.identity;

/**
 * The claims the platform's identity provider puts in its access tokens and the services read
 * (docs/identity.md). An external provider (Keycloak, a provincial identity service) is mapped
 * onto the same names, or the services are told its claim names in their configuration.
 */
public final class TokenClaims {
    /** The platform roles of the subject: a list of {@link PlatformRole} names. */
    public static final String ROLES = "roles";
    /** The id of the organisation the subject acts for (cooperative, department, certification body). */
    public static final String ORGANISATION = "org";
    /** Audience of ingest-service's API. */
    public static final String INGEST_AUDIENCE = "ingest-service";
    /** Audience of traceability-service's API. */
    public static final String TRACE_AUDIENCE = "traceability-service";

    private TokenClaims() {}
}
