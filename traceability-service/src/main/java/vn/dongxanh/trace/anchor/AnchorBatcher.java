package vn.dongxanh.trace.anchor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.trace.ledger.LedgerCalls;
import vn.dongxanh.trace.ledger.LedgerOutbox;
import vn.dongxanh.trace.ledger.LedgerSigners;
import vn.dongxanh.trace.record.Bytes32;
import vn.dongxanh.trace.record.MerkleTree;

/**
 * Gathers pending records into a Merkle tree when the interval or the batch size says so, and in
 * one database transaction stores the root, each record's proof, and the queued anchor call. With
 * per-organisation signers, a root holds the records of one cooperative or certification body
 * only and its anchor is sent with that organisation's key; records of the department and of no
 * organisation go into roots the department's key sends (docs/ledger-signers.md).
 */
@Component
public class AnchorBatcher {
    private static final Logger log = LoggerFactory.getLogger(AnchorBatcher.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final LedgerOutbox outbox;
    private final AnchorProperties props;
    private final Clock clock;
    private final ObjectProvider<LedgerSigners> signers;

    public AnchorBatcher(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            LedgerOutbox outbox,
            AnchorProperties props,
            Clock clock,
            ObjectProvider<LedgerSigners> signers) {
        this.signers = signers;
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.outbox = outbox;
        this.props = props;
        this.clock = clock;
    }

    /** Releases the records of failed anchors, then makes as many roots as are due; returns how many. */
    public int run() {
        transactions.executeWithoutResult(status -> releaseFailed());
        int made = 0;
        for (Optional<String> signer : due()) {
            while (true) {
                Integer leaves = transactions.execute(status -> makeRoot(signer.orElse(null)));
                if (leaves == null || leaves == 0) {
                    break;
                }
                made++;
                if (leaves < props.maxLeaves()) {
                    break;
                }
            }
        }
        return made;
    }

    /**
     * The records of an anchor whose transaction FAILED (reverted, at confirmation depth) become
     * pending again, {@code retry-after} after the failure, and go into the next root with the
     * others. The failed anchor stays, marked released, and each record remembers it.
     */
    private void releaseFailed() {
        List<Long> failed = jdbc.sql("""
                        select a.id from anchor a join ledger_tx t on t.id = a.ledger_tx
                         where t.state = 'FAILED' and a.released_at is null
                           and t.mined_at <= now() - make_interval(secs => ?)
                         order by a.id for update of a skip locked
                        """)
                .param(props.retryAfter().toMillis() / 1000.0)
                .query(Long.class)
                .list();
        for (long anchorId : failed) {
            jdbc.sql(
                            "insert into record_released (record_id, anchor_id) select id, anchor_id from record where anchor_id = ?")
                    .param(anchorId)
                    .update();
            int records = jdbc.sql(
                            "update record set anchor_id = null, leaf_index = null, proof = null where anchor_id = ?")
                    .param(anchorId)
                    .update();
            String error = jdbc.sql("""
                            update anchor a set released_at = now() from ledger_tx t
                             where a.id = ? and t.id = a.ledger_tx returning t.last_error
                            """).param(anchorId).query(String.class).single();
            log.warn("anchor {} failed ({}); its {} records go into a new root", anchorId, error, records);
        }
    }

    /**
     * The signer of a pending record: its organisation when that is a cooperative or certification
     * body and organisations sign for themselves; null (the department's key) otherwise.
     */
    private String signerSql() {
        LedgerSigners s = signers.getIfAvailable();
        return s != null && s.perOrganisation()
                ? "(select o.id from organisation o where o.id = r.organisation"
                        + " and o.kind in ('COOPERATIVE', 'CERTIFICATION_BODY'))"
                : "null::text";
    }

    /** The signers whose pending records are due for a root: enough of them, or the oldest old enough. */
    private List<Optional<String>> due() {
        record Pending(String signer, long count, Timestamp oldest) {}
        List<Pending> pending = jdbc.sql("select signer, count(*), min(created_at) from (select " + signerSql()
                        + " as signer, r.created_at from record r where r.anchor_id is null) p"
                        + " group by signer order by min(created_at)")
                .query((rs, i) -> new Pending(rs.getString(1), rs.getLong(2), rs.getTimestamp(3)))
                .list();
        List<Optional<String>> due = new ArrayList<>();
        for (Pending p : pending) {
            if (p.count() >= props.batchSize()
                    || !p.oldest().toInstant().plus(props.interval()).isAfter(clock.instant())) {
                due.add(Optional.ofNullable(p.signer()));
            }
        }
        return due;
    }

    private int makeRoot(String signer) {
        record Leaf(long id, Bytes32 leaf) {}
        List<Leaf> leaves = jdbc.sql("select r.id, r.leaf from record r where r.anchor_id is null and " + signerSql()
                        + " is not distinct from ? order by r.id limit ? for update of r skip locked")
                .params(signer, props.maxLeaves())
                .query((rs, i) -> new Leaf(rs.getLong(1), new Bytes32(rs.getBytes(2))))
                .list();
        if (leaves.isEmpty()) {
            return 0;
        }
        MerkleTree tree = MerkleTree.of(leaves.stream().map(Leaf::leaf).toList());
        Bytes32 root = tree.root();
        long txId = outbox.enqueue(
                LedgerOutbox.Kind.ANCHOR, root.hex(), LedgerCalls.anchor(root.bytes(), leaves.size()), signer);
        long anchorId = jdbc.sql("insert into anchor (root, leaf_count, ledger_tx) values (?, ?, ?) returning id")
                .params(root.bytes(), leaves.size(), txId)
                .query(Long.class)
                .single();
        // one UPDATE from arrays for the whole root; each proof travels as its nodes concatenated
        // (32 bytes each) and is cut back into a bytea[] by PostgreSQL
        int n = leaves.size();
        Long[] ids = new Long[n];
        Integer[] indexes = new Integer[n];
        byte[][] proofs = new byte[n][];
        for (int i = 0; i < n; i++) {
            Leaf leaf = leaves.get(i);
            int index = tree.indexOf(leaf.leaf());
            List<Bytes32> proof = tree.proof(index);
            byte[] joined = new byte[32 * proof.size()];
            for (int p = 0; p < proof.size(); p++) {
                System.arraycopy(proof.get(p).bytes(), 0, joined, 32 * p, 32);
            }
            ids[i] = leaf.id();
            indexes[i] = index;
            proofs[i] = joined;
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    update record r
                       set anchor_id = ?, leaf_index = u.leaf_index,
                           proof = array(select substring(u.proof from 32 * k + 1 for 32)
                                           from generate_series(0, length(u.proof) / 32 - 1) as k order by k)
                      from unnest(?::bigint[], ?::int[], ?::bytea[]) as u(id, leaf_index, proof)
                     where r.id = u.id
                    """);
            ps.setLong(1, anchorId);
            ps.setArray(2, con.createArrayOf("bigint", ids));
            ps.setArray(3, con.createArrayOf("int4", indexes));
            ps.setArray(4, con.createArrayOf("bytea", proofs));
            return ps;
        });
        log.info(
                "anchor {}: root {} over {} records of {}, queued as ledger tx {}",
                anchorId,
                root,
                leaves.size(),
                signer == null ? "the department or no organisation" : "organisation " + signer,
                txId);
        return leaves.size();
    }
}
