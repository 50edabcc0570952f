package vn.dongxanh.bench.report;

import java.util.stream.Collectors;

/** Writes a benchmark's figures for the console and as a RESULTS.md block. */
public final class Render {
    private Render() {}

    public static String console(BenchmarkResult r) {
        var out = new StringBuilder();
        out.append("== ").append(r.title()).append(" ==\n");
        out.append("   ").append(r.machine().line()).append('\n');
        for (Figure f : r.figures()) {
            out.append(String.format(
                    "%-34s %s %s   goal %s: %s%n",
                    f.name(), Format.number(f.ours()), f.unit(), f.goal().text(f.unit()), f.met() ? "MET" : "NOT MET"));
            if (!f.detail().isEmpty()) out.append("   ").append(f.detail()).append('\n');
            for (Baseline b : f.baselines()) {
                out.append(String.format(
                        "   baseline %-40s %s %s   ratio ours/baseline %s%n",
                        b.name(), Format.number(b.value()), f.unit(), Format.ratio(f.ratio(b))));
                if (!b.detail().isEmpty())
                    out.append("      ").append(b.detail()).append('\n');
            }
        }
        return out.toString();
    }

    /** A block: heading, machine line, one table row per figure and baseline, then the notes. */
    public static String markdown(BenchmarkResult r) {
        var out = new StringBuilder();
        out.append("### ").append(r.title()).append("\n\n");
        out.append("Measured ").append(r.machine().line()).append(".\n\n");
        out.append("| figure | ours | baseline | baseline value | ratio ours ÷ baseline | goal | met |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Figure f : r.figures()) {
            String ours = Format.number(f.ours()) + " " + f.unit();
            String goal = f.goal().text(f.unit());
            String met = f.met() ? "**met**" : "**not met**";
            if (f.baselines().isEmpty()) {
                out.append(row(f.name(), ours, "—", "—", "—", goal, met));
            }
            boolean first = true;
            for (Baseline b : f.baselines()) {
                out.append(row(
                        first ? f.name() : "″",
                        first ? ours : "″",
                        b.name(),
                        Format.number(b.value()) + " " + f.unit(),
                        Format.ratio(f.ratio(b)),
                        first ? goal : "″",
                        first ? met : "″"));
                first = false;
            }
        }
        out.append('\n');
        String details = r.figures().stream()
                .flatMap(f -> java.util.stream.Stream.concat(
                        f.detail().isEmpty()
                                ? java.util.stream.Stream.empty()
                                : java.util.stream.Stream.of(f.name() + ": " + f.detail()),
                        f.baselines().stream()
                                .filter(b -> !b.detail().isEmpty())
                                .map(b -> "baseline " + b.name() + ": " + b.detail())))
                .map(s -> "- " + s)
                .collect(Collectors.joining("\n"));
        if (!details.isEmpty()) out.append("Measurements:\n\n").append(details).append("\n\n");
        if (!r.notes().isEmpty()) {
            out.append("Notes:\n\n");
            for (String n : r.notes()) out.append("- ").append(n).append('\n');
            out.append('\n');
        }
        return out.toString();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
