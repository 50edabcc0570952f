package vn.dongxanh.trace.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.security.Access;

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

    private final RecordStore records;
    private final ObjectProvider<LedgerChain> chain;
    private final Access access;

    public RecordController(RecordStore records, ObjectProvider<LedgerChain> chain, Access access) {
        this.records = records;
        this.chain = chain;
        this.access = access;
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
}
