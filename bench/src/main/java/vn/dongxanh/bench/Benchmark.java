package vn.dongxanh.bench;

import vn.dongxanh.bench.report.BenchmarkResult;

/** One benchmark of the edge agent, selected on the command line by its name. */
public interface Benchmark {
    String name();

    /** Runs it, with its baselines, and returns the figures; never throws for a missed goal. */
    BenchmarkResult run(String mqttUrl) throws Exception;
}
