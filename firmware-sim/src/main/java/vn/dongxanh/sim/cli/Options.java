package vn.dongxanh.sim.cli;

import java.time.Duration;
import vn.dongxanh.sim.SimulationConfig;

/**
 * A parsed command line.
 *
 * @param config what to simulate (null when only help was asked for)
 * @param runFor stop after this much wall time; null = until stopped (SIGTERM, Ctrl-C)
 * @param help whether --help was given
 */
public record Options(SimulationConfig config, Duration runFor, boolean help) {}
