package vn.dongxanh.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedRunKeepsTheLastFiguresUnderALineSayingItFailed() throws Exception {
        Path file = dir.resolve("RESULTS.md");
        var results = new ResultsFile(file);
        results.rewrite(
                "p",
                "Part",
                "intro",
                List.of("a", "b"),
                Map.of(
                        "a", "### A\n\n| figure | 12 ms |",
                        "b", "### B\n\n| figure | 7 ms |"));

        results.rewrite("p", "Part", "intro", List.of("a", "b"), Map.of(), Map.of("a", "on vm: `boom`."));
        String text = Files.readString(file);
        assertThat(text)
                .contains("### A\n\n**Last attempt failed** on vm: `boom`. The figures below are from the last"
                        + " run that finished.\n\n| figure | 12 ms |");
        assertThat(text).contains("### B\n\n| figure | 7 ms |");

        // a second failure replaces the first failure's line, the figures stay
        results.rewrite("p", "Part", "intro", List.of("a", "b"), Map.of(), Map.of("a", "on vm: `again`."));
        text = Files.readString(file);
        assertThat(text).doesNotContain("boom").contains("`again`").contains("| figure | 12 ms |");

        // a run that finishes replaces the whole block
        results.rewrite("p", "Part", "intro", List.of("a", "b"), Map.of("a", "### A\n\n| figure | 10 ms |"));
        text = Files.readString(file);
        assertThat(text)
                .doesNotContain("Last attempt failed")
                .doesNotContain("12 ms")
                .contains("10 ms");
    }

    @Test
    void aBenchmarkThatNeverFinishedSaysNoFigureWasRecorded() throws Exception {
        Path file = dir.resolve("RESULTS.md");
        new ResultsFile(file).rewrite("p", "Part", "intro", List.of("a"), Map.of(), Map.of("a", "on vm: `x`."));
        assertThat(Files.readString(file))
                .contains("### a\n\n**Last attempt failed** on vm: `x`. No figure was recorded.");
    }
}
