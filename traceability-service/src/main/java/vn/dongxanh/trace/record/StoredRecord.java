package vn.dongxanh.trace.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A record as stored, with where it was anchored once an anchor took it. {@code leaf} is the leaf
 * stored when the record was made (the one its anchor's tree holds); whether the content still
 * gives it is computed by {@link RecordCheck}, never stored.
 */
public record StoredRecord(
        long id,
        String kind,
        String subject,
        Optional<String> organisation,
        String content,
        Bytes32 leaf,
        LeafFormat leafFormat,
        Instant createdAt,
        Optional<Anchoring> anchoring) {

    /** The record's place in an anchored Merkle tree and the ledger transaction of its root. */
    public record Anchoring(
            Bytes32 root,
            int leafIndex,
            int leafCount,
            List<Bytes32> proof,
            String txState,
            Optional<String> txHash,
            Optional<Long> blockNumber,
            Optional<String> blockHash,
            String contract) {}

    /** keccak256 of the stored content's UTF-8 bytes, as they are now (what the contract's verify takes). */
    public Bytes32 recordHash() {
        return LeafFormat.recordHash(content);
    }

    /** The leaf the stored content gives now, in the record's format. */
    public Bytes32 recomputedLeaf() {
        return leafFormat.leafOf(content);
    }

    /**
     * PENDING until the anchor's transaction is mined, ANCHORED then, CONFIRMED at the configured
     * depth; REANCHORING while that transaction reverted and the record waits for a new root.
     */
    public Status status() {
        return anchoring
                .map(a -> switch (a.txState()) {
                    case "MINED" -> Status.ANCHORED;
                    case "CONFIRMED" -> Status.CONFIRMED;
                    case "REVERTED", "FAILED" -> Status.REANCHORING;
                    default -> Status.PENDING;
                })
                .orElse(Status.PENDING);
    }

    /** True when its root is on chain (mined, or confirmed). */
    public boolean onChain() {
        return status() == Status.ANCHORED || status() == Status.CONFIRMED;
    }

    /** Where a record stands on the ledger. */
    public enum Status {
        PENDING,
        ANCHORED,
        CONFIRMED,
        REANCHORING
    }

    /** An anchor the record was in whose transaction failed, so the record went into a later root. */
    public record FailedAnchor(Bytes32 root, String transactionHash, String error) {}
}
