package vn.dongxanh.bench.footprint;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Java heap in use and committed, from {@code jcmd PID GC.heap_info}. Every collector prints its
 * spaces as lines with {@code used NK} (G1 one line, Serial and Parallel one per generation);
 * metaspace lines are not heap and are skipped.
 */
public record HeapInfo(long usedKb, long committedKb) {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern COMMITTED = Pattern.compile("(?:committed|total) (\\d+)K");

    public static HeapInfo parse(String heapInfo) throws IOException {
        long used = 0;
        long committed = 0;
        boolean found = false;
        for (String line : heapInfo.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("Metaspace") || l.startsWith("class space")) continue;
            var u = USED.matcher(l);
            if (!u.find()) continue;
            found = true;
            used += Long.parseLong(u.group(1));
            var c = COMMITTED.matcher(l);
            if (c.find()) committed += Long.parseLong(c.group(1));
        }
        if (!found) throw new IOException("no heap figure in GC.heap_info output:\n" + heapInfo);
        return new HeapInfo(used, committed);
    }
}
