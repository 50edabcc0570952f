package vn.dongxanh.sim;

/** Independent, reproducible seeds for the parts of a run, derived from the run's seed and a name. */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, String name) {
        long h = seed;
        for (int i = 0; i < name.length(); i++) {
            h = h * 31 + name.charAt(i);
        }
        // MurmurHash3 finaliser: neighbouring names get unrelated seeds.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
