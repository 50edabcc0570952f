package vn.dongxanh.trace.record;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * Public read of records with everything needed to check them against the chain without
 * trusting us: the canonical JSON, the leaf, the Merkle proof, the root, the transaction and block.
 */
@RestController
@RequestMapping("/api/records")
public class RecordController {
    /** How leaves and the tree are built, stated in every proof so a checker can redo it. */
    public static final String CONVENTION =
            "recordHash = keccak256(UTF-8 bytes of the RFC 8785 canonical JSON in 'content');"
                    + " leafFormat 2: leaf = keccak256(recordHash) (the 32 bytes hashed again), leafFormat 1 (records"
                    + " stored before it): leaf = recordHash;"
                    + " tree = OpenZeppelin SimpleMerkleTree (sorted leaves, sorted-pair keccak256 nodes);"
                    + " check with OpenZeppelin MerkleProof.verify(proof, root, leaf), or the contract's"
                    + " verify(root, recordHash, proof) for leafFormat 2 (processProof(proof, leaf) == root and"
                    + " anchorOf(root) for leafFormat 1)";

    /** How a commitment to a person's name is made, stated with every disclosure. */
    public static final String COMMITMENT_CONVENTION =
            "commitment = keccak256(salt ‖ UTF-8 bytes of name); salt = the 32 bytes of 'salt' (hex), name = 'name'"
                    + " exactly as given (stripped, Unicode NFC); compare with the 'commitment' at 'field' in 'content'";

    private final RecordStore records;
    private final ObjectProvider<LedgerChain> chain;
    private final Access access;
    private final JsonMapper json;
    private final RecordProperties props;

    public RecordController(
            RecordStore records,
            ObjectProvider<LedgerChain> chain,
            Access access,
            JsonMapper json,
            RecordProperties props) {
        this.props = props;
        this.records = records;
        this.chain = chain;
        this.access = access;
        this.json = json;
    }

    private StoredRecord record(long id) {
        return records.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no record " + id));
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable long id, Authentication auth) {
        access.readRecord(auth, id); // public for a published batch's story (Access, Visibility)
        StoredRecord r = record(id);
        return body(r, RecordCheck.of(r));
    }

    /**
     * The record with its state computed now ({@link RecordCheck}): {@code status} is the anchor
     * transaction's state unless the content no longer gives its leaf, then MISMATCH; {@code leaf}
     * is recomputed from the content (the stored one is shown beside it only when they differ).
     */
    private Map<String, Object> body(StoredRecord r, RecordCheck check) {
        long id = r.id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("kind", r.kind());
        body.put("subject", r.subject());
        r.organisation().ifPresent(o -> body.put("organisation", o));
        body.put(
                "status",
                check.mismatch()
                        ? RecordCheck.State.MISMATCH.name()
                        : r.status().name());
        body.put("state", check.state().name());
        check.reason().ifPresent(reason -> body.put("mismatch", reason));
        body.put("content", r.content());
        body.put("leafFormat", r.leafFormat().code());
        body.put("recordHash", check.recordHash().hex());
        body.put("leaf", check.recomputedLeaf().hex());
        if (!check.leafMatchesStored()) {
            body.put("storedLeaf", r.leaf().hex());
        }
        List<Map<String, Object>> failed = records.failedAnchors(id).stream()
                .map(f -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("root", f.root().hex());
                    a.put("transactionHash", f.transactionHash());
                    a.put("error", f.error());
                    return a;
                })
                .toList();
        if (!failed.isEmpty()) {
            body.put("failedAnchors", failed); // why it was anchored late: each root it left
        }
        return body;
    }

    @GetMapping("/{id}/proof")
    public Map<String, Object> proof(@PathVariable long id, Authentication auth) {
        access.readRecord(auth, id);
        StoredRecord r = record(id);
        Map<String, Object> body = body(r, RecordCheck.of(r));
        body.put("convention", CONVENTION);
        r.anchoring().ifPresent(a -> {
            Map<String, Object> anchor = new LinkedHashMap<>();
            anchor.put("root", a.root().hex());
            anchor.put("leafIndex", a.leafIndex());
            anchor.put("leafCount", a.leafCount());
            anchor.put("proof", a.proof().stream().map(Bytes32::hex).toList());
            anchor.put("transactionState", a.txState());
            a.txHash()
                    .filter(h -> r.status() != StoredRecord.Status.PENDING)
                    .ifPresent(h -> anchor.put("transactionHash", h));
            a.blockNumber().ifPresent(b -> anchor.put("blockNumber", b));
            a.blockHash().ifPresent(b -> anchor.put("blockHash", b));
            anchor.put("contract", a.contract());
            chain.ifAvailable(c -> anchor.put("chainId", c.chainId()));
            body.put("anchor", anchor);
        });
        return body;
    }

    /**
     * Checks the record as it is stored now: recompute the leaf from the content, walk the proof
     * in Java ({@link RecordCheck}), and ask the contract. A record altered after anchoring fails.
     */
    @GetMapping("/{id}/verification")
    public Map<String, Object> verification(@PathVariable long id, Authentication auth) {
        access.readRecord(auth, id);
        StoredRecord r = record(id);
        RecordCheck check = RecordCheck.of(r);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put(
                "status",
                check.mismatch()
                        ? RecordCheck.State.MISMATCH.name()
                        : r.status().name());
        body.put("state", check.state().name());
        check.reason().ifPresent(reason -> body.put("mismatch", reason));
        body.put("leafFormat", r.leafFormat().code());
        body.put("recordHash", check.recordHash().hex());
        body.put("leaf", check.recomputedLeaf().hex());
        body.put("leafMatchesStored", check.leafMatchesStored());
        boolean proofValid = check.proofValid().orElse(false);
        body.put("proofValid", proofValid);
        Optional<Boolean> onChain = r.anchoring()
                .filter(a -> r.onChain())
                .flatMap(a -> Optional.ofNullable(chain.getIfAvailable())
                        .map(c -> r.leafFormat() == LeafFormat.RECORD_HASH
                                ? c.verifyFormat1(a.root(), check.recomputedLeaf(), a.proof())
                                : c.verify(a.root(), check.recordHash(), a.proof())));
        onChain.ifPresent(v -> body.put("ledgerVerified", v));
        body.put("verified", check.state() == RecordCheck.State.ANCHORED && proofValid && onChain.orElse(false));
        return body;
    }

    /**
     * The department's list of records whose stored content no longer gives their leaf, found by
     * checking every record in id order ({@link RecordCheck}); a page scans at most {@code limit}
     * records after {@code afterId}, and {@code next} continues the scan.
     */
    @GetMapping("/mismatches")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Records whose stored content no longer gives their anchored leaf (the department)",
            description = "Scans up to 'limit' records after 'afterId' (default dx.trace.records.mismatch-scan) and"
                    + " lists those in state MISMATCH with the reason; 'next' is the afterId of the next page.")
    @ApiResponse(responseCode = "200", description = "the mismatched records among those scanned")
    @ApiResponse(responseCode = "400", description = "'limit' or 'afterId' out of range")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    public Map<String, Object> mismatches(
            @RequestParam(required = false) Long afterId,
            @RequestParam(required = false) Integer limit,
            Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        long after = afterId == null ? 0 : afterId;
        int scan = limit == null ? props.mismatchScan() : limit;
        if (after < 0) throw Refusal.badRequest("'afterId' must be 0 or more, not " + after);
        if (scan < 1 || scan > props.mismatchScanMax()) {
            throw Refusal.badRequest("'limit' must be 1 to " + props.mismatchScanMax() + ", not " + scan);
        }
        List<StoredRecord> page = records.after(after, scan);
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        for (StoredRecord r : page) {
            RecordCheck check = RecordCheck.of(r);
            if (check.mismatch()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id());
                m.put("kind", r.kind());
                m.put("subject", r.subject());
                r.organisation().ifPresent(o -> m.put("organisation", o));
                m.put("anchored", r.anchoring().isPresent());
                m.put("leafFormat", r.leafFormat().code());
                m.put("mismatch", check.reason().orElseThrow());
                found.add(m);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("afterId", after);
        body.put("scanned", page.size());
        body.put("mismatches", found);
        if (page.size() == scan) {
            body.put("next", page.getLast().id());
        }
        return body;
    }

    /**
     * The names behind a record's commitments, with their salts, for the record's organisation and
     * the department only: each shown with the commitment recomputed here and the one the record
     * carries, so the caller sees (and can redo) the check. Nobody else learns a name from this.
     */
    @GetMapping("/{id}/disclosure")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Names behind a record's salted commitments (the record's organisation and the department)",
            description = "Each committed person with name, salt, the commitment recomputed as keccak256(salt ‖"
                    + " UTF-8(name)) and the commitment found in the record's canonical content.")
    @ApiResponse(responseCode = "200", description = "the committed people of the record")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "neither the record's organisation nor the department")
    public Map<String, Object> disclosure(@PathVariable long id, Authentication auth) {
        Actor actor = access.require(
                auth,
                PlatformRole.DEPARTMENT_OFFICER,
                PlatformRole.COOP_MANAGER,
                PlatformRole.COOP_OPERATOR,
                PlatformRole.CERTIFICATION_BODY);
        access.readRecord(auth, id); // a record the caller cannot see is 404, as everywhere
        StoredRecord r = record(id);
        boolean department = actor.has(PlatformRole.DEPARTMENT_OFFICER);
        if (!department && !r.organisation().map(actor::actsFor).orElse(false)) {
            throw Refusal.forbidden("record " + id + " is "
                    + r.organisation().map(o -> "organisation " + o + "'s").orElse("attributed to no organisation")
                    + "; only its organisation and the department see the names behind its commitments");
        }
        JsonNode content = json.readTree(r.content());
        List<Map<String, Object>> people = records.people(id).stream()
                .map(p -> {
                    Bytes32 recomputed = PersonCommitment.compute(p.salt(), p.name());
                    String inRecord = content.at(p.field() + "/commitment").asString("");
                    Map<String, Object> person = new LinkedHashMap<>();
                    person.put("field", p.field());
                    person.put("role", content.at(p.field() + "/role").asString(""));
                    person.put("name", p.name());
                    person.put("salt", "0x" + HexFormat.of().formatHex(p.salt()));
                    person.put("commitment", recomputed.hex());
                    person.put("commitmentInRecord", inRecord);
                    person.put("matches", recomputed.hex().equals(inRecord));
                    return person;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        r.organisation().ifPresent(o -> body.put("organisation", o));
        body.put("convention", COMMITMENT_CONVENTION);
        body.put("content", r.content());
        body.put("people", people);
        return body;
    }
}
