package vn.dongxanh.bench.ledger;

import java.time.Duration;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * The bearer tokens of the anchoring benchmark, minted by a stand-in issuer traceability-service
 * trusts: the department's officer registers the benchmark's cooperative (only the department
 * may) and checks a record (an EPCIS event of no batch is the department's to read); the
 * cooperative's manager captures the EPCIS events, so their records are the cooperative's and
 * are anchored with its own ledger key, as in production. Valid for {@code ttl}, longer than any run.
 */
public record TraceTokens(String cooperative, String department, String manager) {
    /** The department's organisation id in the {@code org} claim, as the platform's tests name it. */
    public static final String DEPARTMENT = "so-nnptnt";

    public static TraceTokens of(TokenIssuer issuer, String cooperative, Duration ttl) {
        return new TraceTokens(
                cooperative,
                issuer.token("bench-officer")
                        .organisation(DEPARTMENT)
                        .roles(PlatformRole.DEPARTMENT_OFFICER)
                        .audience(TokenClaims.TRACE_AUDIENCE)
                        .expiresIn(ttl)
                        .sign(),
                issuer.token("bench-manager")
                        .organisation(cooperative)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.TRACE_AUDIENCE)
                        .expiresIn(ttl)
                        .sign());
    }

    /** Registers the cooperative as an organisation (kind COOPERATIVE) on a fresh database. */
    public void registerCooperative(TraceService service) throws Exception {
        var r = service.post(
                "/api/organisations",
                "{\"id\":\"%s\",\"kind\":\"COOPERATIVE\",\"name\":\"Benchmark cooperative\"}".formatted(cooperative),
                department);
        if (r.statusCode() != 201) {
            throw new IllegalStateException(
                    "organisation " + cooperative + " not registered: HTTP " + r.statusCode() + " " + r.body());
        }
    }
}
