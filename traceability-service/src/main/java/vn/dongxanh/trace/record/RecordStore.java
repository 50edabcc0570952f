package vn.dongxanh.trace.record;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends records and reads them with their anchoring state. A record's content is the canonical
 * JSON of {@code {id, kind, subject, recordedAt, body}}: the id inside makes every leaf unique.
 */
@Repository
public class RecordStore {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final Clock clock;

    public RecordStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a record attributed to no organisation (anchored with the department's key). */
    @Transactional
    public StoredRecord append(String kind, String subject, JsonNode body) {
        return append(kind, subject, null, body, List.of());
    }

    /**
     * Stores a record in the caller's transaction; it is pending until the next anchor. {@code
     * organisation} is whose record it is: its root is sent with that organisation's ledger key,
     * and it (with the department) may see the names behind the record's commitments.
     */
    @Transactional
    public StoredRecord append(String kind, String subject, String organisation, JsonNode body) {
        return append(kind, subject, organisation, body, List.of());
    }

    /** As above, with the private side of the commitments to people's names that {@code body} holds. */
    @Transactional
    public StoredRecord append(String kind, String subject, String organisation, JsonNode body, List<Person> people) {
        return appendAll(kind, List.of(new NewRecord(subject, organisation, json.writeValueAsString(body), people)))
                .getFirst();
    }

    /**
     * A record to append: what it is about, whose it is (may be null), its body as JSON text
     * (written once by the caller) and the people committed to in it.
     */
    public record NewRecord(String subject, String organisation, String bodyJson, List<Person> people) {
        public NewRecord(String subject, String organisation, String bodyJson) {
            this(subject, organisation, bodyJson, List.of());
        }
    }

    /**
     * A person's name committed to in a record: where ({@code field}, a JSON pointer into the
     * record's content, e.g. {@code /body/operator}) and the commitment with its private salt and name.
     */
    public record Person(String field, PersonCommitment commitment) {}

    /**
     * Stores records of one kind in the caller's transaction with two statements whatever their
     * number (their ids from the sequence, then one INSERT from arrays): a capture of 1,000
     * events is then not 2,000 round trips.
     */
    @Transactional
    public List<StoredRecord> appendAll(String kind, List<NewRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        int n = records.size();
        List<Long> ids = jdbc.sql("select nextval('record_id_seq') from generate_series(1, ?)")
                .param(n)
                .query(Long.class)
                .list();
        Instant now = clock.instant();
        Long[] idArray = new Long[n];
        String[] subjects = new String[n];
        String[] organisations = new String[n];
        String[] contents = new String[n];
        byte[][] leaves = new byte[n][];
        List<StoredRecord> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewRecord r = records.get(i);
            long id = ids.get(i);
            // the envelope around the body's text as given; canonicalising orders and formats it
            String envelope = "{\"id\":" + id + ",\"kind\":" + json.writeValueAsString(kind) + ",\"subject\":"
                    + json.writeValueAsString(r.subject()) + ",\"recordedAt\":\"" + now + "\",\"body\":"
                    + r.bodyJson() + "}";
            String content = CanonicalJson.canonicalize(envelope);
            Bytes32 leaf = LeafFormat.CURRENT.leafOf(content);
            idArray[i] = id;
            subjects[i] = r.subject();
            organisations[i] = r.organisation();
            contents[i] = content;
            leaves[i] = leaf.bytes();
            stored.add(new StoredRecord(
                    id,
                    kind,
                    r.subject(),
                    Optional.ofNullable(r.organisation()),
                    content,
                    leaf,
                    LeafFormat.CURRENT,
                    now,
                    Optional.empty()));
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    insert into record (id, kind, subject, organisation, content, leaf, leaf_format, created_at)
                    select u.id, ?, u.subject, u.organisation, u.content, u.leaf, ?, ?
                      from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bytea[])
                           as u(id, subject, organisation, content, leaf)
                    """);
            ps.setString(1, kind);
            ps.setShort(2, (short) LeafFormat.CURRENT.code());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setArray(4, con.createArrayOf("bigint", idArray));
            ps.setArray(5, con.createArrayOf("text", subjects));
            ps.setArray(6, con.createArrayOf("text", organisations));
            ps.setArray(7, con.createArrayOf("text", contents));
            ps.setArray(8, con.createArrayOf("bytea", leaves));
            return ps;
        });
        for (int i = 0; i < n; i++) {
            for (Person p : records.get(i).people()) {
                PersonCommitment c = p.commitment();
                if (!contents[i].contains("\"" + c.commitment().hex() + "\"")) {
                    // a commitment kept here but absent from the record would disclose nothing checkable
                    throw new IllegalArgumentException(
                            "record " + idArray[i] + " does not carry the commitment of " + p.field());
                }
                jdbc.sql("insert into record_person (record_id, field, name, salt, commitment) values (?, ?, ?, ?, ?)")
                        .params(
                                idArray[i],
                                p.field(),
                                c.name(),
                                c.salt(),
                                c.commitment().bytes())
                        .update();
            }
        }
        return stored;
    }

    public Optional<StoredRecord> find(long id) {
        return jdbc.sql("""
                        select r.id, r.kind, r.subject, r.organisation, r.content, r.leaf, r.leaf_format, r.created_at, r.leaf_index, r.proof,
                               a.root, a.leaf_count, t.state, t.tx_hash, t.block_number, t.block_hash, t.contract
                          from record r
                          left join anchor a on a.id = r.anchor_id
                          left join ledger_tx t on t.id = a.ledger_tx
                         where r.id = ?
                        """).param(id).query(RecordStore::map).optional();
    }

    public List<StoredRecord> bySubject(String kind, String subject) {
        return jdbc.sql("""
                        select r.id, r.kind, r.subject, r.organisation, r.content, r.leaf, r.leaf_format, r.created_at, r.leaf_index, r.proof,
                               a.root, a.leaf_count, t.state, t.tx_hash, t.block_number, t.block_hash, t.contract
                          from record r
                          left join anchor a on a.id = r.anchor_id
                          left join ledger_tx t on t.id = a.ledger_tx
                         where r.kind = ? and r.subject = ?
                         order by r.id
                        """).params(kind, subject).query(RecordStore::map).list();
    }

    /**
     * Up to {@code limit} records with an id above {@code afterId}, in id order, as {@link #find}
     * reads them: the department's scan for records whose content no longer gives their leaf.
     */
    public List<StoredRecord> after(long afterId, int limit) {
        return jdbc.sql("""
                        select r.id, r.kind, r.subject, r.organisation, r.content, r.leaf, r.leaf_format, r.created_at, r.leaf_index, r.proof,
                               a.root, a.leaf_count, t.state, t.tx_hash, t.block_number, t.block_hash, t.contract
                          from record r
                          left join anchor a on a.id = r.anchor_id
                          left join ledger_tx t on t.id = a.ledger_tx
                         where r.id > ?
                         order by r.id
                         limit ?
                        """).params(afterId, limit).query(RecordStore::map).list();
    }

    /** The anchors the record was released from because their transaction failed, oldest first. */
    public List<StoredRecord.FailedAnchor> failedAnchors(long id) {
        return jdbc.sql("""
                        select a.root, t.tx_hash, t.last_error from record_released x
                          join anchor a on a.id = x.anchor_id
                          join ledger_tx t on t.id = a.ledger_tx
                         where x.record_id = ? order by a.id
                        """)
                .param(id)
                .query((rs, i) ->
                        new StoredRecord.FailedAnchor(new Bytes32(rs.getBytes(1)), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** The private side of a record's commitments: names and salts. Never served to the public. */
    public List<Disclosed> people(long recordId) {
        return jdbc.sql("select field, name, salt, commitment from record_person where record_id = ? order by field")
                .param(recordId)
                .query((rs, i) -> new Disclosed(
                        rs.getString("field"),
                        rs.getString("name"),
                        rs.getBytes("salt"),
                        new Bytes32(rs.getBytes("commitment"))))
                .list();
    }

    /** A committed name with its salt and the commitment stored beside it. */
    public record Disclosed(String field, String name, byte[] salt, Bytes32 commitment) {}

    private static StoredRecord map(ResultSet rs, int row) throws SQLException {
        Optional<StoredRecord.Anchoring> anchoring = Optional.empty();
        byte[] root = rs.getBytes("root");
        if (root != null) {
            List<Bytes32> proof = new ArrayList<>();
            Array array = rs.getArray("proof");
            for (Object node : (Object[]) array.getArray()) {
                proof.add(new Bytes32((byte[]) node));
            }
            long block = rs.getLong("block_number");
            anchoring = Optional.of(new StoredRecord.Anchoring(
                    new Bytes32(root),
                    rs.getInt("leaf_index"),
                    rs.getInt("leaf_count"),
                    List.copyOf(proof),
                    rs.getString("state"),
                    Optional.ofNullable(rs.getString("tx_hash")),
                    rs.wasNull() ? Optional.empty() : Optional.of(block),
                    Optional.ofNullable(rs.getString("block_hash")),
                    rs.getString("contract")));
        }
        return new StoredRecord(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("subject"),
                Optional.ofNullable(rs.getString("organisation")),
                rs.getString("content"),
                new Bytes32(rs.getBytes("leaf")),
                LeafFormat.of(rs.getInt("leaf_format")),
                rs.getTimestamp("created_at").toInstant(),
                anchoring);
    }
}
