package vn.dongxanh.bench.ingest;

import java.time.Duration;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * The bearer tokens the benchmark calls ingest-service's API with, minted by a stand-in issuer the
 * service trusts: the department's officer registers the cooperative (only the department may),
 * the cooperative's manager registers its devices and reads its dashboard and charts (plots and
 * devices are the cooperative's own). Valid for {@code ttl}, longer than any run.
 */
record ApiTokens(String department, String manager) {
    /** The department's organisation id in the {@code org} claim, as the platform's tests name it. */
    static final String DEPARTMENT = "so-nnptnt";

    static ApiTokens of(TokenIssuer issuer, String cooperative, Duration ttl) {
        return new ApiTokens(
                issuer.token("bench-officer")
                        .organisation(DEPARTMENT)
                        .roles(PlatformRole.DEPARTMENT_OFFICER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .expiresIn(ttl)
                        .sign(),
                issuer.token("bench-manager")
                        .organisation(cooperative)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .expiresIn(ttl)
                        .sign());
    }
}
