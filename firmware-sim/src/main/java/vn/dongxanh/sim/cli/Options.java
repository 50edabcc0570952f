package vn.dongxanh.sim.cli;

import java.time.Duration;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.load.LoadConfig;

/**
 * A parsed command line.
 *
 * @param config what to simulate (null for help and for the load mode)
 * @param runFor stop after this much wall time; null = until stopped (SIGTERM, Ctrl-C)
 * @param help whether --help was given
 * @param load the load mode's configuration with --load, else null
 */
public record Options(SimulationConfig config, Duration runFor, boolean help, LoadConfig load) {}
