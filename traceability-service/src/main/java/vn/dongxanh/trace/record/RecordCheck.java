package vn.dongxanh.trace.record;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a record stands, computed from what is stored now and never stored itself: the leaf is
 * recomputed from the stored canonical bytes (in the record's {@link LeafFormat}) and, once an
 * anchor took the record, the stored proof is folded from that leaf up to the anchored root. A
 * record whose content no longer gives its anchored leaf is {@link State#MISMATCH}, whatever its
 * transaction's state; every endpoint and page that says a record is anchored asks this class.
 *
 * <p>Only the database is read here; whether the root is on chain comes from the anchor's
 * transaction state (the service follows its receipt). The contract's own {@code verify} is asked
 * by {@code /api/records/{id}/verification}.
 *
 * @param recomputedLeaf the leaf the stored content gives now
 * @param proofValid whether the stored proof leads from that leaf to the anchored root (empty when
 *     no anchor has taken the record)
 * @param reason why a record is MISMATCH, in words (empty otherwise)
 */
public record RecordCheck(
        long recordId,
        State state,
        LeafFormat leafFormat,
        Bytes32 recordHash,
        Bytes32 recomputedLeaf,
        boolean leafMatchesStored,
        Optional<Boolean> proofValid,
        Optional<String> reason) {
    private static final Logger log = LoggerFactory.getLogger(RecordCheck.class);
    /** Records whose mismatch has been logged in this run (only mismatched records: few). */
    private static final java.util.Set<Long> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The closed set of answers. */
    public enum State {
        /** Its root is on chain (mined or confirmed) and the stored content proves its way to it. */
        ANCHORED,
        /** Not (yet) under a root that is on chain; its content still gives its leaf. */
        AWAITING_ANCHORING,
        /** Its stored content no longer gives the leaf that was stored or anchored: it was changed. */
        MISMATCH
    }

    /** Checks the record as it is stored now; a MISMATCH is logged at WARN for the department, once. */
    public static RecordCheck of(StoredRecord r) {
        Bytes32 hash = r.recordHash();
        Bytes32 leaf = r.leafFormat().leafOfHash(hash);
        boolean leafMatches = leaf.equals(r.leaf());
        Optional<Boolean> proofValid = r.anchoring().map(a -> MerkleTree.verify(a.root(), leaf, a.proof()));
        State state;
        Optional<String> reason = Optional.empty();
        if (!leafMatches) {
            state = State.MISMATCH;
            reason = Optional.of("its stored content gives leaf " + leaf.hex() + ", not the leaf "
                    + r.leaf().hex() + " stored when it was recorded"
                    + (r.anchoring().isPresent() ? " and anchored" : ""));
        } else if (proofValid.isPresent() && !proofValid.get()) {
            state = State.MISMATCH;
            reason = Optional.of("the proof from its content's leaf " + leaf.hex() + " does not reach root "
                    + r.anchoring().orElseThrow().root().hex());
        } else {
            state = r.onChain() ? State.ANCHORED : State.AWAITING_ANCHORING;
        }
        RecordCheck check = new RecordCheck(r.id(), state, r.leafFormat(), hash, leaf, leafMatches, proofValid, reason);
        if (state == State.MISMATCH && WARNED.add(r.id())) {
            // the department's alert, once per record and run: every public read and audit checks the
            // record again (GET /api/records/mismatches and GET /api/findings list them all, always)
            log.warn(
                    "record {} ({} {}, organisation {}) MISMATCH: {}",
                    r.id(),
                    r.kind(),
                    r.subject(),
                    r.organisation().orElse("none"),
                    reason.orElseThrow());
        }
        return check;
    }

    public boolean mismatch() {
        return state == State.MISMATCH;
    }
}
