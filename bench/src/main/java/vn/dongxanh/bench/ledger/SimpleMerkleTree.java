package vn.dongxanh.bench.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The traceability service's tree ({@code vn.dongxanh.trace.record.MerkleTree}), same algorithm
 * line for line: OpenZeppelin {@code SimpleMerkleTree} layout, sorted leaves stored in reverse at
 * the end of an array, sorted-pair keccak256. Copied rather than depended on because the service
 * jar is a Spring Boot fat jar (classes under BOOT-INF); a check in {@link ProofBenchmark} keeps
 * the copy honest by verifying its proofs against roots the service's contract accepts.
 */
final class SimpleMerkleTree {
    private final Leaf[] nodes;
    private final List<Leaf> sortedLeaves;

    private SimpleMerkleTree(Leaf[] nodes, List<Leaf> sortedLeaves) {
        this.nodes = nodes;
        this.sortedLeaves = sortedLeaves;
    }

    static SimpleMerkleTree of(List<Leaf> leaves) {
        if (leaves.isEmpty()) throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        List<Leaf> sorted = new ArrayList<>(leaves);
        sorted.sort(null);
        Leaf[] tree = new Leaf[2 * sorted.size() - 1];
        for (int i = 0; i < sorted.size(); i++) tree[tree.length - 1 - i] = sorted.get(i);
        for (int i = tree.length - 1 - sorted.size(); i >= 0; i--) tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        return new SimpleMerkleTree(tree, List.copyOf(sorted));
    }

    Leaf root() {
        return nodes[0];
    }

    /** Linear search, as the service does for each record of a new root. */
    int indexOf(Leaf leaf) {
        int index = sortedLeaves.indexOf(leaf);
        if (index < 0) throw new IllegalArgumentException("not a leaf of this tree: " + leaf.hex());
        return index;
    }

    List<Leaf> proof(int leafIndex) {
        int node = nodes.length - 1 - leafIndex;
        List<Leaf> proof = new ArrayList<>();
        while (node > 0) {
            int sibling = node % 2 == 1 ? node + 1 : node - 1;
            proof.add(nodes[sibling]);
            node = (node - 1) / 2;
        }
        return List.copyOf(proof);
    }

    static boolean verify(Leaf root, Leaf leaf, List<Leaf> proof) {
        Leaf computed = leaf;
        for (Leaf sibling : proof) computed = hashPair(computed, sibling);
        return computed.equals(root);
    }

    static Leaf hashPair(Leaf a, Leaf b) {
        Leaf lo = a.compareTo(b) <= 0 ? a : b;
        Leaf hi = lo == a ? b : a;
        byte[] joined = Arrays.copyOf(lo.bytes(), 64);
        System.arraycopy(hi.bytes(), 0, joined, 32, 32);
        return new Leaf(Hash.sha3(joined));
    }
}
