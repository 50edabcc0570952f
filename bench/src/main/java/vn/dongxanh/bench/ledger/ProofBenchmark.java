package vn.dongxanh.bench.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.dongxanh.bench.Benchmark;
import vn.dongxanh.bench.Settings;
import vn.dongxanh.bench.report.Baseline;
import vn.dongxanh.bench.report.BenchmarkResult;
import vn.dongxanh.bench.report.Figure;
import vn.dongxanh.bench.report.Format;
import vn.dongxanh.bench.report.Goal;
import vn.dongxanh.bench.report.Machine;

/**
 * Merkle proof generation and verification per record, in Java, for trees of the sizes the
 * service anchors, beside computing one record's leaf (two keccak256).
 */
public final class ProofBenchmark implements Benchmark {
    @Override
    public String name() {
        return "ledger-proofs";
    }

    @Override
    public BenchmarkResult run(String mqttUrl) throws Exception {
        String sizesText = Settings.text("bench.ledger.proof-trees", "1024,10000");
        int rounds = Settings.integer("bench.ledger.proof-rounds", 10);
        int warmupRounds = Settings.integer("bench.ledger.proof-warmup-rounds", 5);
        double goalUs = Settings.integer("bench.ledger.proof-goal-us", 1000);
        Machine machine = Machine.probe(Settings.workBase());
        String run = UUID.randomUUID().toString().substring(0, 8);
        var figures = new ArrayList<Figure>();
        for (String s : sizesText.split(",")) {
            int size = Integer.parseInt(s.strip().replace("_", ""));
            var events = new ArrayList<String>(size);
            for (int i = 0; i < size; i++) events.add(Records.canonical(Records.event(run + "-" + size, i)));
            List<Leaf> leaves = events.stream().map(Records::leaf).toList();
            var tree = SimpleMerkleTree.of(leaves);
            Leaf root = tree.root();

            for (int w = 0; w < warmupRounds; w++) measure(tree, root, leaves, events);
            Measured m = measure(tree, root, leaves, events);
            for (int r = 1; r < rounds; r++) m = m.plus(measure(tree, root, leaves, events));
            Timings gen = Timings.ofNanos(m.gen);
            Timings ver = Timings.ofNanos(m.ver);
            Timings hash = Timings.ofNanos(m.hash);
            String base =
                    "one record's leaf: keccak256 of its canonical JSON (%d–%d bytes), hashed again (leaf format 2)"
                            .formatted(
                                    events.stream()
                                            .mapToInt(String::length)
                                            .min()
                                            .orElse(0),
                                    events.stream()
                                            .mapToInt(String::length)
                                            .max()
                                            .orElse(0));
            var baseline = new Baseline(base, hash.meanUs(), hash.summary());
            figures.add(new Figure(
                    "proof generation per record, tree of " + Format.number(size),
                    "µs",
                    gen.meanUs(),
                    "indexOf(leaf) (the service's linear search among the sorted leaves) + proof(index) for every leaf, "
                            + gen.summary() + "; " + tree.proof(0).size() + " siblings per proof",
                    List.of(baseline),
                    Goal.atMost(goalUs)));
            figures.add(new Figure(
                    "proof verification per record, tree of " + Format.number(size),
                    "µs",
                    ver.meanUs(),
                    "processProof(leaf, proof) == root for every leaf, all true; " + ver.summary(),
                    List.of(baseline),
                    Goal.atMost(goalUs)));
        }
        return new BenchmarkResult(
                name(),
                "Merkle proofs per record",
                machine,
                figures,
                List.of(
                        "In process, one thread, after %d warm-up rounds over every leaf; %d measured rounds, each operation timed alone with System.nanoTime (so p99 includes GC and other tenants of this shared machine). The figure is the mean; p99 is in the measurements."
                                .formatted(warmupRounds, rounds),
                        "Tree and proofs: the service's MerkleTree algorithm (OpenZeppelin SimpleMerkleTree, sorted-pair keccak256 with web3j Hash.sha3), copied into the bench; the gas benchmark checks that proofs of this copy verify through the contract's verify().",
                        "Proof generation includes the linear leaf search the service does per record (AnchorBatcher: tree.indexOf then tree.proof), which grows with the tree; verification is log2(n) keccak256 of 64 bytes."));
    }

    private record Measured(long[] gen, long[] ver, long[] hash) {
        Measured plus(Measured o) {
            return new Measured(concat(gen, o.gen), concat(ver, o.ver), concat(hash, o.hash));
        }

        private static long[] concat(long[] a, long[] b) {
            long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    private static Measured measure(SimpleMerkleTree tree, Leaf root, List<Leaf> leaves, List<String> events) {
        int n = leaves.size();
        long[] gen = new long[n];
        long[] ver = new long[n];
        long[] hash = new long[n];
        var proofs = new ArrayList<List<Leaf>>(n);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            List<Leaf> proof = tree.proof(tree.indexOf(leaves.get(i)));
            gen[i] = System.nanoTime() - t0;
            proofs.add(proof);
        }
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            boolean ok = SimpleMerkleTree.verify(root, leaves.get(i), proofs.get(i));
            ver[i] = System.nanoTime() - t0;
            if (!ok) throw new IllegalStateException("proof of leaf " + i + " does not verify");
        }
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Leaf leaf = Records.leaf(events.get(i));
            hash[i] = System.nanoTime() - t0;
            if (!leaf.equals(leaves.get(i))) throw new IllegalStateException("leaf " + i + " changed");
        }
        return new Measured(gen, ver, hash);
    }
}
