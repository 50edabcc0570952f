package vn.dongxanh.bench.report;

import java.util.List;

/**
 * What one benchmark measured, and on what.
 *
 * @param name the selector on the command line (outbox, footprint, latency)
 * @param notes how the figures were obtained and what limits them, one sentence or paragraph each
 */
public record BenchmarkResult(String name, String title, Machine machine, List<Figure> figures, List<String> notes) {
    public BenchmarkResult {
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
    }
}
