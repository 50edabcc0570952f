package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.Refusal;

/**
 * Where the ledger is (so anyone can check proofs against it), the contract's ABI for in-browser
 * checks, and the department granting chain roles to the accounts of cooperatives and
 * certification bodies.
 */
@RestController
public class LedgerController {
    private static final List<String> GRANTABLE = List.of("COOPERATIVE", "CERTIFICATION_BODY", "DEPARTMENT");

    private final ObjectProvider<LedgerChain> chain;
    private final LedgerOutbox outbox;
    private final JdbcClient jdbc;
    private final Access access;

    public LedgerController(ObjectProvider<LedgerChain> chain, LedgerOutbox outbox, JdbcClient jdbc, Access access) {
        this.chain = chain;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.access = access;
    }

    @GetMapping("/api/ledger")
    public Map<String, Object> ledger() {
        Map<String, Object> body = new LinkedHashMap<>();
        LedgerChain c = chain.getIfAvailable();
        body.put("enabled", c != null);
        if (c != null) {
            body.put("chainId", c.chainId());
            body.put("contract", c.contractAddress());
            body.put("account", c.account());
        }
        Map<String, Long> states = new LinkedHashMap<>();
        jdbc.sql("select state, count(*) from ledger_tx group by state order by state")
                .query((rs, i) -> states.put(rs.getString(1), rs.getLong(2)))
                .list();
        body.put("transactions", states);
        body.put(
                "pendingRecords",
                jdbc.sql("select count(*) from record where anchor_id is null")
                        .query(Long.class)
                        .single());
        return body;
    }

    @GetMapping(value = "/api/ledger/abi", produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] abi() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/ledger/DongXanhLedger.json")) {
            if (in == null) {
                throw Refusal.notFound("the contract's ABI is not in this build");
            }
            return in.readAllBytes();
        }
    }

    /** A role for an account on the contract. */
    public record Grant(String role, String account) {}

    @PostMapping("/api/ledger/roles")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    public Map<String, Object> grant(@RequestBody Grant grant, Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        if (grant.role() == null || !GRANTABLE.contains(grant.role())) {
            throw Refusal.badRequest("field 'role' is one of " + GRANTABLE);
        }
        if (grant.account() == null || !grant.account().matches("^0x[0-9a-fA-F]{40}$")) {
            throw Refusal.badRequest("account is a 0x-prefixed 20-byte address");
        }
        long tx = outbox.enqueue(
                LedgerOutbox.Kind.GRANT_ROLE,
                grant.role() + ":" + grant.account().toLowerCase(),
                LedgerCalls.grantRole(grant.role(), grant.account()));
        return Map.of("ledgerTx", tx, "state", outbox.state(tx));
    }
}
