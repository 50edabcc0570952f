package vn.dongxanh.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * bench/RESULTS.md, shared by every part of the platform: each part owns the text between its
 * {@code <!-- part:start -->} and {@code <!-- part:end -->} markers, and within it each benchmark
 * owns a block {@code <!-- part:name:start -->}…. Rewriting one benchmark keeps every other
 * block and section as it was, so a partial run never erases older figures.
 */
public final class ResultsFile {
    private static final String TITLE = """
            # Benchmark results

            Written by `bench/run` (see `bench/run --help`); never edited by hand. Each figure is
            measured beside its baseline in the same run on the same machine, because the machines
            are shared and noisy: the ratio (ours ÷ baseline) travels better than the raw number.
            """;

    private final Path file;

    public ResultsFile(Path file) {
        this.file = file;
    }

    /**
     * Rewrites the section of {@code part}: its intro, then the blocks in {@code order}, taking a
     * new block where given and the block already in the file otherwise.
     */
    public void rewrite(String part, String heading, String intro, List<String> order, Map<String, String> blocks)
            throws IOException {
        rewrite(part, heading, intro, order, blocks, Map.of());
    }

    /**
     * As above; a benchmark in {@code failures} (its name → why it failed) keeps the figures of its
     * last finished run under a line saying that this attempt failed, so a failed run never erases
     * a measurement.
     */
    public void rewrite(
            String part,
            String heading,
            String intro,
            List<String> order,
            Map<String, String> blocks,
            Map<String, String> failures)
            throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : TITLE;
        String start = "<!-- " + part + ":start -->";
        String end = "<!-- " + part + ":end -->";
        String old = between(text, start, end).orElse("");
        var body = new StringBuilder();
        body.append("\n## ")
                .append(heading)
                .append("\n\n")
                .append(intro.strip())
                .append("\n\n");
        var kept = new LinkedHashMap<String, String>();
        for (String name : order) {
            String previous = between(old, marker(part, name, "start"), marker(part, name, "end"))
                    .orElse(null);
            String block = blocks.containsKey(name)
                    ? blocks.get(name)
                    : failures.containsKey(name) ? failed(name, failures.get(name), previous) : previous;
            if (block != null) kept.put(name, block.strip());
        }
        kept.forEach((name, block) -> body.append(marker(part, name, "start"))
                .append('\n')
                .append(block)
                .append('\n')
                .append(marker(part, name, "end"))
                .append("\n\n"));
        String section = start + "\n" + body.toString().stripTrailing() + "\n" + end;
        int s = text.indexOf(start);
        int e = text.indexOf(end);
        String next = s >= 0 && e > s
                ? text.substring(0, s) + section + text.substring(e + end.length())
                : text.stripTrailing() + "\n\n" + section + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, next.endsWith("\n") ? next : next + "\n");
    }

    static final String FAILED = "**Last attempt failed** ";

    /** The failure line after the block's heading, then the last finished run's figures, if any. */
    static String failed(String name, String why, String previous) {
        String note = FAILED + why;
        if (previous == null || previous.isBlank()) {
            return "### " + name + "\n\n" + note + " No figure was recorded.";
        }
        var lines = previous.strip().lines().filter(l -> !l.startsWith(FAILED)).toList();
        String head = lines.getFirst();
        String rest = String.join("\n", lines.subList(1, lines.size())).strip();
        return head + "\n\n" + note + " The figures below are from the last run that finished.\n\n" + rest;
    }

    private static String marker(String part, String name, String edge) {
        return "<!-- " + part + ":" + name + ":" + edge + " -->";
    }

    private static Optional<String> between(String text, String start, String end) {
        int s = text.indexOf(start);
        if (s < 0) return Optional.empty();
        int e = text.indexOf(end, s + start.length());
        if (e < 0) return Optional.empty();
        return Optional.of(text.substring(s + start.length(), e));
    }
}
