package vn.dongxanh.trace.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * A Merkle tree laid out exactly like OpenZeppelin's {@code SimpleMerkleTree} (npm
 * {@code @openzeppelin/merkle-tree}): the leaves are the given 32-byte values (here keccak256 of
 * a record's canonical JSON, not hashed again), sorted, stored at the end of an array in reverse
 * order, each inner node keccak256 of its two children in sorted order. Proofs therefore verify
 * with OpenZeppelin's {@code MerkleProof.verify} and with the ledger contract's {@code verify}.
 */
public final class MerkleTree {
    private final Bytes32[] nodes;
    private final List<Bytes32> sortedLeaves;

    private MerkleTree(Bytes32[] nodes, List<Bytes32> sortedLeaves) {
        this.nodes = nodes;
        this.sortedLeaves = sortedLeaves;
    }

    public static MerkleTree of(List<Bytes32> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<Bytes32> sorted = new ArrayList<>(leaves);
        sorted.sort(null);
        Bytes32[] tree = new Bytes32[2 * sorted.size() - 1];
        for (int i = 0; i < sorted.size(); i++) {
            tree[tree.length - 1 - i] = sorted.get(i);
        }
        for (int i = tree.length - 1 - sorted.size(); i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        return new MerkleTree(tree, List.copyOf(sorted));
    }

    public Bytes32 root() {
        return nodes[0];
    }

    public int size() {
        return sortedLeaves.size();
    }

    /** Position of the leaf among the sorted leaves (OpenZeppelin's leaf index). */
    public int indexOf(Bytes32 leaf) {
        // the leaves are sorted: a binary search, not a scan (a root of 10,000 leaves asks 10,000 times)
        int index = java.util.Collections.binarySearch(sortedLeaves, leaf);
        if (index < 0) {
            throw new IllegalArgumentException("not a leaf of this tree: " + leaf);
        }
        return index;
    }

    /** Sibling hashes from the leaf up to (not including) the root. */
    public List<Bytes32> proof(int leafIndex) {
        int node = nodes.length - 1 - leafIndex;
        List<Bytes32> proof = new ArrayList<>();
        while (node > 0) {
            int sibling = node % 2 == 1 ? node + 1 : node - 1;
            proof.add(nodes[sibling]);
            node = (node - 1) / 2;
        }
        return List.copyOf(proof);
    }

    /** OpenZeppelin {@code MerkleProof.processProof}. */
    public static Bytes32 processProof(Bytes32 leaf, List<Bytes32> proof) {
        Bytes32 computed = leaf;
        for (Bytes32 sibling : proof) {
            computed = hashPair(computed, sibling);
        }
        return computed;
    }

    public static boolean verify(Bytes32 root, Bytes32 leaf, List<Bytes32> proof) {
        return processProof(leaf, proof).equals(root);
    }

    /** keccak256(min(a,b) ‖ max(a,b)): OpenZeppelin's commutative pair hash. */
    static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
        Bytes32 lo = a.compareTo(b) <= 0 ? a : b;
        Bytes32 hi = lo == a ? b : a;
        byte[] joined = Arrays.copyOf(lo.bytes(), 64);
        System.arraycopy(hi.bytes(), 0, joined, 32, 32);
        return new Bytes32(Hash.sha3(joined));
    }
}
