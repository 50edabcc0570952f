package vn.dongxanh.trace.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Java tree against itself and against OpenZeppelin's own JavaScript implementation. */
class MerkleTreeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<Bytes32> leaves(int n) {
        List<Bytes32> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(CanonicalJson.leaf("{\"record\":" + i + "}"));
        }
        return leaves;
    }

    @Test
    void everyLeafProvesItsWayToTheRootAndNothingElseDoes() {
        for (int n = 1; n <= 17; n++) {
            List<Bytes32> leaves = leaves(n);
            MerkleTree tree = MerkleTree.of(leaves);
            for (Bytes32 leaf : leaves) {
                List<Bytes32> proof = tree.proof(tree.indexOf(leaf));
                assertThat(MerkleTree.verify(tree.root(), leaf, proof))
                        .as("n=%d leaf %s", n, leaf)
                        .isTrue();
                assertThat(MerkleTree.verify(tree.root(), CanonicalJson.leaf("{\"record\":-1}"), proof))
                        .isFalse();
            }
        }
        assertThat(MerkleTree.of(leaves(1)).root())
                .as("one leaf is its own root")
                .isEqualTo(leaves(1).getFirst());
    }

    @Test
    void theOrderOfTheInputDoesNotChangeTheRoot() {
        List<Bytes32> leaves = leaves(9);
        List<Bytes32> reversed = new ArrayList<>(leaves).reversed();
        assertThat(MerkleTree.of(reversed).root())
                .isEqualTo(MerkleTree.of(leaves).root());
    }

    @Test
    void rootsAndProofsEqualOpenZeppelinSimpleMerkleTree() throws Exception {
        for (int n : new int[] {1, 2, 3, 7, 16}) {
            List<Bytes32> leaves = leaves(n);
            MerkleTree tree = MerkleTree.of(leaves);
            JsonNode oz = openZeppelin(leaves);
            assertThat(oz.get("root").stringValue())
                    .as("root, n=%d", n)
                    .isEqualTo(tree.root().hex());
            for (int i = 0; i < n; i++) {
                List<String> expected = new ArrayList<>();
                oz.get("proofs").get(i).forEach(node -> expected.add(node.stringValue()));
                List<String> ours = tree.proof(tree.indexOf(leaves.get(i))).stream()
                        .map(Bytes32::hex)
                        .toList();
                assertThat(ours).as("proof of leaf %d, n=%d", i, n).isEqualTo(expected);
            }
        }
    }

    @Test
    void canonicalJsonFollowsRfc8785AndTheLeafIsItsKeccakHashedAgain() {
        String canonical = CanonicalJson.canonicalize("{\"b\":1, \"a\":[1.0,\"x\"], \"c\":\"\\u00e9\"}");
        assertThat(canonical).isEqualTo("{\"a\":[1,\"x\"],\"b\":1,\"c\":\"é\"}");
        byte[] recordHash = Hash.sha3(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(LeafFormat.recordHash(canonical).bytes()).isEqualTo(recordHash);
        assertThat(CanonicalJson.leaf("{ \"a\":[1.0,\"x\"],\"c\":\"é\",\"b\":1 }")
                        .bytes())
                .as("format 2: keccak256(keccak256(canonical JSON))")
                .isEqualTo(Hash.sha3(recordHash));
        assertThat(LeafFormat.RECORD_HASH.leafOf(canonical).bytes())
                .as("format 1, records stored before: keccak256(canonical JSON)")
                .isEqualTo(recordHash);
        assertThat(LeafFormat.of(1)).isEqualTo(LeafFormat.RECORD_HASH);
        assertThat(LeafFormat.of(2)).isEqualTo(LeafFormat.CURRENT);
    }

    @Test
    void noInnerNodeIsTheFormat2LeafOfAnything() {
        // an inner node presented as a "leaf" proves its way to the root in a bare proof check...
        List<Bytes32> leaves = leaves(4);
        MerkleTree tree = MerkleTree.of(leaves);
        List<Bytes32> proofOfFirst = tree.proof(0);
        Bytes32 inner = MerkleTree.hashPair(leafAt(tree, 0), proofOfFirst.get(0));
        assertThat(MerkleTree.verify(tree.root(), inner, List.of(proofOfFirst.get(1))))
                .isTrue();
        // ...but a format-2 leaf is keccak256 of 32 bytes, an inner node keccak256 of 64: the check
        // that makes the leaf from a record hash (the contract's verify) cannot be given the node
        assertThat(MerkleTree.verify(
                        tree.root(), LeafFormat.DOUBLE_HASH.leafOfHash(inner), List.of(proofOfFirst.get(1))))
                .isFalse();
    }

    private static Bytes32 leafAt(MerkleTree tree, int sortedIndex) {
        List<Bytes32> all = leaves(4);
        return all.stream()
                .filter(l -> tree.indexOf(l) == sortedIndex)
                .findFirst()
                .orElseThrow();
    }

    /** Runs @openzeppelin/merkle-tree (installed by the build's npm ci) on the same leaves. */
    private static JsonNode openZeppelin(List<Bytes32> leaves) throws IOException, InterruptedException {
        String script = "const {SimpleMerkleTree} = require('@openzeppelin/merkle-tree');"
                + "const leaves = JSON.parse(process.argv[1]);"
                + "const t = SimpleMerkleTree.of(leaves);"
                + "console.log(JSON.stringify({root: t.root, proofs: leaves.map(l => t.getProof(l))}));";
        String input = JSON.writeValueAsString(leaves.stream().map(Bytes32::hex).toList());
        Process node = new ProcessBuilder("node", "-e", script, input)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node exit").isZero();
        return JSON.readTree(out);
    }
}
