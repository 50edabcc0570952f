package vn.dongxanh.bench.report;

/**
 * What a figure is compared with, measured in the same run on the same machine.
 *
 * @param name what the baseline is, in a few words
 * @param value in the unit of its figure
 * @param detail how it was measured (sample size, spread); may be empty
 */
public record Baseline(String name, double value, String detail) {}
