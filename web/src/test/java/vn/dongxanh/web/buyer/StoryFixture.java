package vn.dongxanh.web.buyer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.KeccakDigest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A lot's story as traceability-service sends it (docs: the story's wire shape), built with real
 * hashes: each record's leaf is keccak-256 of keccak-256 of its canonical bytes (format 2), the
 * anchored ones are in one sorted-pair Merkle tree whose proofs fold to its root.
 */
final class StoryFixture {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GTIN = "08931234567897";
    static final String LOT = "L-PAGE-1";
    static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    static final long BLOCK = 42;
    static final String TX = "0xfeed000000000000000000000000000000000000000000000000000000000042";

    /** One record to put in the story: its section, kind, body and whether it is anchored and latest. */
    record Item(String section, long id, String kind, String subject, ObjectNode body, String state, boolean latest) {}

    private final List<Item> items = new ArrayList<>();
    private final List<Map<String, Object>> differs = new ArrayList<>();

    StoryFixture add(
            String section, long id, String kind, String subject, String state, boolean latest, ObjectNode body) {
        items.add(new Item(section, id, kind, subject, body, state, latest));
        return this;
    }

    StoryFixture differs(String section, long recordId, String field, String anchored, String current) {
        differs.add(Map.of(
                "section", section, "recordId", recordId, "field", field, "anchored", anchored, "current", current));
        return this;
    }

    static ObjectNode body() {
        return JSON.createObjectNode();
    }

    /** The canonical content of a record: keys sorted, as RFC 8785 writes them for these plain values. */
    static String content(Item i) {
        ObjectNode c = JSON.createObjectNode();
        c.set("body", i.body());
        c.put("id", i.id());
        c.put("kind", i.kind());
        c.put("recordedAt", "2026-12-03T03:00:00Z");
        c.put("subject", i.subject());
        return JSON.writer()
                .with(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(JSON.convertValue(c, java.util.TreeMap.class));
    }

    /** The story's JSON text, with an unknown field or two the page must ignore. */
    String json() {
        var contents = items.stream().map(StoryFixture::content).toList();
        var leaves = contents.stream()
                .map(c -> keccak(keccak(c.getBytes(StandardCharsets.UTF_8))))
                .toList();
        var anchored = new ArrayList<byte[]>();
        for (int i = 0; i < items.size(); i++)
            if (!"AWAITING_ANCHORING".equals(items.get(i).state())) anchored.add(leaves.get(i));
        var tree = new Tree(anchored);

        ObjectNode story = JSON.createObjectNode();
        story.put("gtin", GTIN);
        story.put("lot", LOT);
        story.put("digitalLink", "https://dx.example.vn/01/" + GTIN + "/10/" + LOT);
        story.putObject("ledger").put("chainId", 31337).put("contract", CONTRACT);
        story.put("servedBy", "a field this page does not know");
        ArrayNode sections = story.putArray("sections");
        for (String name : Story.SECTIONS) {
            ObjectNode s = sections.addObject();
            s.put("name", name);
            ArrayNode records = s.putArray("records");
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                if (!it.section().equals(name)) continue;
                boolean onLedger = !"AWAITING_ANCHORING".equals(it.state());
                ObjectNode r = records.addObject();
                r.put("id", it.id());
                r.put("kind", it.kind());
                r.put("subject", it.subject());
                r.put("recordedAt", "2026-12-03T03:00:00Z");
                r.put("content", contents.get(i));
                r.put("leafFormat", 2);
                r.put("leaf", hex(leaves.get(i)));
                r.put("state", it.state());
                r.put("root", onLedger ? hex(tree.root()) : null);
                ArrayNode proof = r.putArray("proof");
                if (onLedger) tree.proof(leaves.get(i)).forEach(p -> proof.add(hex(p)));
                r.put("txHash", onLedger ? TX : null);
                if (onLedger) r.put("blockNumber", BLOCK);
                else r.putNull("blockNumber");
                r.put("latest", it.latest());
                r.put("newerField", true);
            }
        }
        story.set("differs", JSON.valueToTree(differs));
        return JSON.writeValueAsString(story);
    }

    Story story() {
        return JSON.readValue(json(), Story.class);
    }

    static byte[] keccak(byte[] in) {
        var d = new KeccakDigest(256);
        d.update(in, 0, in.length);
        var out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    /** A Merkle tree with OpenZeppelin's pair hash (keccak-256 of the sorted pair); an odd node goes up as it is. */
    static final class Tree {
        private final List<List<byte[]>> levels = new ArrayList<>();

        Tree(List<byte[]> leaves) {
            List<byte[]> level = new ArrayList<>(leaves);
            levels.add(level);
            while (level.size() > 1) {
                var up = new ArrayList<byte[]>();
                for (int i = 0; i < level.size(); i += 2) {
                    up.add(i + 1 < level.size() ? pair(level.get(i), level.get(i + 1)) : level.get(i));
                }
                levels.add(up);
                level = up;
            }
        }

        byte[] root() {
            return levels.getLast().getFirst();
        }

        List<byte[]> proof(byte[] leaf) {
            int index = -1;
            for (int i = 0; i < levels.getFirst().size(); i++)
                if (Arrays.equals(levels.getFirst().get(i), leaf)) index = i;
            var proof = new ArrayList<byte[]>();
            for (int l = 0; l < levels.size() - 1; l++) {
                int sibling = index ^ 1;
                if (sibling < levels.get(l).size()) proof.add(levels.get(l).get(sibling));
                index /= 2;
            }
            return proof;
        }

        static byte[] pair(byte[] a, byte[] b) {
            boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
            byte[] both = new byte[64];
            System.arraycopy(aFirst ? a : b, 0, both, 0, 32);
            System.arraycopy(aFirst ? b : a, 0, both, 32, 32);
            return keccak(both);
        }
    }
}
