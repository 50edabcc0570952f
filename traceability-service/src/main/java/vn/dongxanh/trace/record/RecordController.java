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
    public static final String CONVENTION = "leaf = keccak256(UTF-8 bytes of the RFC 8785 canonical JSON in 'content');"
            + " tree = OpenZeppelin SimpleMerkleTree (sorted leaves, sorted-pair keccak256 nodes);"
            + " check with OpenZeppelin MerkleProof.verify(proof, root, leaf) or the contract's verify(root, leaf, proof)";

    /** How a commitment to a person's name is made, stated with every disclosure. */
    public static final String COMMITMENT_CONVENTION =
            "commitment = keccak256(salt ‖ UTF-8 bytes of name); salt = the 32 bytes of 'salt' (hex), name = 'name'"
                    + " exactly as given (stripped, Unicode NFC); compare with the 'commitment' at 'field' in 'content'";

    private final RecordStore records;
    private final ObjectProvider<LedgerChain> chain;
    private final Access access;
    private final JsonMapper json;

    public RecordController(RecordStore records, ObjectProvider<LedgerChain> chain, Access access, JsonMapper json) {
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
        return body(id);
    }

    private Map<String, Object> body(long id) {
        StoredRecord r = record(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("kind", r.kind());
        body.put("subject", r.subject());
        r.organisation().ifPresent(o -> body.put("organisation", o));
        body.put("status", r.status().name());
        body.put("content", r.content());
        body.put("leaf", r.leaf().hex());
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
        Map<String, Object> body = body(id);
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
     * in Java, and ask the contract. A record altered after anchoring fails.
     */
    @GetMapping("/{id}/verification")
    public Map<String, Object> verification(@PathVariable long id, Authentication auth) {
        access.readRecord(auth, id);
        StoredRecord r = record(id);
        Bytes32 leaf = CanonicalJson.leaf(r.content());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("status", r.status().name());
        body.put("leaf", leaf.hex());
        body.put("leafMatchesStored", leaf.equals(r.leaf()));
        Optional<StoredRecord.Anchoring> anchoring = r.anchoring();
        boolean proofValid =
                anchoring.map(a -> MerkleTree.verify(a.root(), leaf, a.proof())).orElse(false);
        body.put("proofValid", proofValid);
        Optional<Boolean> onChain = anchoring
                .filter(a -> r.onChain())
                .flatMap(
                        a -> Optional.ofNullable(chain.getIfAvailable()).map(c -> c.verify(a.root(), leaf, a.proof())));
        onChain.ifPresent(v -> body.put("ledgerVerified", v));
        body.put("verified", proofValid && onChain.orElse(false));
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
