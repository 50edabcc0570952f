package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Whose key signs a ledger call (docs/ledger-signers.md). The department's key is the service's
 * keystore ({@code dx.trace.ledger.keystore.file}): it deployed the contract, holds DEPARTMENT,
 * registers codes and changes their status, and grants the others their role. Each cooperative and
 * certification body has its own encrypted keystore {@code <organisation id>.json} in the
 * signers' directory; the roots of its records are sent with it, so the chain itself says which
 * organisation anchored what. For local and test chains (dev keys on) a missing organisation key
 * is generated and funded there; on a real chain it is provided by the operator, and the
 * organisation's calls wait until it is.
 *
 * <p>Without a signers' directory (and no dev keys) every call is signed by the department's key,
 * as before: that mode is not attributable and says so at start.
 */
public class LedgerSigners {
    private static final Logger log = LoggerFactory.getLogger(LedgerSigners.class);
    /** The on-chain role of each organisation kind that signs with its own key. */
    static final Map<String, String> ROLE_OF_KIND = Map.of(
            "COOPERATIVE", "COOPERATIVE",
            "CERTIFICATION_BODY", "CERTIFICATION_BODY");
    /** What a dev key is given on a local chain: plenty for anchoring, test ether only. */
    private static final BigInteger DEV_FUNDS = BigInteger.TEN.pow(21); // 1,000 ether

    private final LedgerChain chain;
    private final JdbcClient jdbc;
    private final Optional<Path> dir;
    private final String password;
    private final boolean devKeys;
    private final String rpcUrl;
    private final Map<String, Credentials> loaded = new ConcurrentHashMap<>();
    private final Set<String> mayWrite = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public LedgerSigners(
            LedgerChain chain, JdbcClient jdbc, Optional<Path> dir, String password, boolean devKeys, String rpcUrl) {
        this.chain = chain;
        this.jdbc = jdbc;
        this.dir = dir;
        this.password = password;
        this.devKeys = devKeys;
        this.rpcUrl = rpcUrl;
        if (dir.isEmpty()) {
            log.warn(
                    "no ledger signers' directory (DX_TRACE_LEDGER_KEYSTORE_DIR): every ledger call is signed with"
                            + " the department's key {}, so the chain cannot tell which organisation anchored what",
                    chain.account());
        } else {
            log.info("ledger signers: the department {}, organisations' keys in {}", chain.account(), dir.get());
        }
    }

    /** True when cooperatives and certification bodies sign with keys of their own. */
    public boolean perOrganisation() {
        return dir.isPresent();
    }

    /** The department's account. */
    public String department() {
        return chain.account();
    }

    /**
     * The key of a signer: the department's for {@code null}; the organisation's own keystore
     * otherwise, generated first on a dev chain; empty when an operator has not provided it yet.
     */
    public Optional<Credentials> credentials(String signer) {
        if (signer == null) {
            return Optional.of(chain.credentials());
        }
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Credentials known = loaded.get(signer);
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            Path file = dir.get().resolve(signer + ".json");
            try {
                if (!Files.exists(file)) {
                    if (!devKeys) {
                        if (warned.add(signer)) {
                            log.warn(
                                    "no ledger key for organisation {} ({} missing): its ledger calls wait until it is"
                                            + " provided",
                                    signer,
                                    file);
                        }
                        return Optional.empty();
                    }
                    writeDevKey(signer, file);
                }
                Credentials credentials = WalletUtils.loadCredentials(password, file.toFile());
                loaded.put(signer, credentials);
                log.info("ledger key of organisation {}: {}", signer, credentials.getAddress());
                return Optional.of(credentials);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the keystore of organisation " + signer, e);
            } catch (CipherException e) {
                throw new IllegalStateException(
                        "could not decrypt the keystore of organisation " + signer + " (wrong password?)", e);
            }
        }
    }

    /**
     * Makes sure a cooperative or certification body registered now (or before signers existed)
     * gets its role on chain: a GRANT_ROLE call signed by the department, queued in the caller's
     * transaction, once per organisation (a revocation by the department is not undone here).
     */
    public void enrol(String organisation, String kind) {
        String role = ROLE_OF_KIND.get(kind);
        if (role == null || dir.isEmpty()) {
            return;
        }
        boolean known = jdbc.sql("select count(*) from ledger_signer where organisation = ?")
                        .param(organisation)
                        .query(Long.class)
                        .single()
                > 0;
        if (known) {
            return;
        }
        Optional<Credentials> key = credentials(organisation);
        if (key.isEmpty()) {
            return; // enrolled by the sweep once its keystore is there
        }
        String address = key.get().getAddress().toLowerCase();
        // one statement: the grant and the row that says it was queued exist together or not at all
        long tx = jdbc.sql("""
                        with tx as (insert into ledger_tx (kind, reference, call_data)
                                    values ('GRANT_ROLE', ?, ?) returning id)
                        insert into ledger_signer (organisation, address, role, grant_tx)
                        select ?, ?, ?, id from tx returning grant_tx
                        """)
                .params(
                        role + ":" + address,
                        LedgerCalls.grantRole(role, address).toLowerCase(),
                        organisation,
                        address,
                        role)
                .query(Long.class)
                .single();
        log.info(
                "organisation {} signs with {}; granting it {} on the ledger (tx {})", organisation, address, role, tx);
    }

    /** Enrols every organisation that should sign and is not enrolled yet (those registered earlier). */
    public void enrolAll() {
        if (dir.isEmpty()) {
            return;
        }
        record Org(String id, String kind) {}
        List<Org> waiting = jdbc.sql("""
                        select o.id, o.kind from organisation o
                         where o.kind in ('COOPERATIVE', 'CERTIFICATION_BODY')
                           and not exists (select 1 from ledger_signer s where s.organisation = o.id)
                         order by o.id
                        """)
                .query((rs, i) -> new Org(rs.getString(1), rs.getString(2)))
                .list();
        for (Org org : waiting) {
            enrol(org.id(), org.kind());
        }
    }

    /**
     * True when the signer's account holds its role on the contract now (the department always
     * may). Its calls are not sent before: they would only revert.
     */
    public boolean mayWrite(String signer, Credentials key) {
        if (signer == null || mayWrite.contains(signer)) {
            return true;
        }
        String role = jdbc.sql("select role from ledger_signer where organisation = ?")
                .param(signer)
                .query(String.class)
                .optional()
                .orElse("COOPERATIVE");
        if (chain.hasRole(role, key.getAddress())) {
            mayWrite.add(signer);
            return true;
        }
        return false;
    }

    /** Forgets what was learnt about a signer's role (e.g. its call reverted: the role may be revoked). */
    public void recheck(String signer) {
        if (signer != null) {
            mayWrite.remove(signer);
        }
    }

    private void writeDevKey(String signer, Path file) throws IOException, CipherException {
        Files.createDirectories(file.getParent());
        ECKeyPair pair;
        try {
            pair = Keys.createEcKeyPair(); // SecureRandom
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a key pair", e);
        }
        String written =
                WalletUtils.generateWalletFile(password, pair, file.getParent().toFile(), false);
        Path tmp = file.getParent().resolve(written);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: left as created
        }
        Files.move(tmp, file);
        String address = Credentials.create(pair).getAddress();
        log.warn(
                "wrote a development ledger key for organisation {} ({}) to {}: for local and test chains only",
                signer,
                address,
                file);
        fund(address);
    }

    /** Gives a fresh dev key test ether (anvil's and hardhat's anvil_setBalance): dev chains only. */
    private void fund(String address) throws IOException {
        Response<?> r = new Request<>(
                        "anvil_setBalance",
                        List.of(address, "0x" + DEV_FUNDS.toString(16)),
                        new HttpService(rpcUrl),
                        Response.class)
                .send();
        if (r.hasError()) {
            log.warn(
                    "could not fund the development key {} ({}); fund it yourself or its calls will fail",
                    address,
                    r.getError().getMessage());
        }
    }
}
