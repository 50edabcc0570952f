package vn.dongxanh.sim;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import vn.dongxanh.sim.cli.CommandLine;
import vn.dongxanh.sim.cli.Options;
import vn.dongxanh.sim.cli.UsageException;
import vn.dongxanh.sim.load.LoadConfig;
import vn.dongxanh.sim.load.LoadConsole;

/** The simulator's command line: {@code java -jar firmware-sim.jar --help}. */
public final class FirmwareSim {
    private FirmwareSim() {}

    public static void main(String[] args) {
        // Exit explicitly: a library thread left behind must not keep the process alive.
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code (0 done, 1 could not start, 2 bad options). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("firmware-sim: " + e.getMessage());
            err.println("Run with --help to see the options.");
            return 2;
        }
        if (options.help()) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        if (options.load() != null) return load(options.load(), out, err);
        var simulation = new Simulation(options.config());
        Thread hook = new Thread(simulation::close, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            simulation.start();
        } catch (RuntimeException e) {
            err.println("firmware-sim: cannot start: " + e.getMessage());
            removeHook(hook);
            return 1;
        }
        for (DeviceInfo d : simulation.devices()) {
            if (d.transport() == Transport.COAP) {
                out.println("coap device " + d.deviceId() + " at " + d.coapTelemetryUri());
            } else {
                out.println("mqtt device " + d.deviceId() + " on "
                        + options.config().brokerUrl());
            }
        }
        out.flush();
        try {
            if (options.runFor() != null) {
                Thread.sleep(options.runFor());
            } else {
                new CountDownLatch(1).await(); // until SIGTERM / Ctrl-C runs the hook
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        simulation.close();
        removeHook(hook);
        return 0;
    }

    private static int load(LoadConfig config, PrintStream out, PrintStream err) {
        var stopped = new CountDownLatch(1);
        var done = new CountDownLatch(1);
        // SIGTERM / Ctrl-C: let the load stop and print its summary before the JVM goes
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    try {
                        done.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "load-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return LoadConsole.run(config, out, err, stopped);
        } finally {
            done.countDown();
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
        }
    }
}
