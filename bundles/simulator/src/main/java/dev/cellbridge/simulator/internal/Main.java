package dev.cellbridge.simulator.internal;

import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar cellbridge-sim.jar [options]}: starts a simulator, prints {@code LISTENING <port>} (then
 * {@code CONTROL <port>} with --control) and runs until killed. Exit code 2 for usage errors, 3 when a port cannot be
 * bound.
 */
public final class Main {
    private Main() {
    }

    /** @param args command-line options, see {@link CommandLine#USAGE} */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Starts the simulator and blocks; returns only on a usage or bind error (or interrupt). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SimulatorOptions options;
        try {
            CommandLine cl = CommandLine.parse(args);
            if (cl.help()) {
                out.println(CommandLine.USAGE);
                return 0;
            }
            options = cl.options();
        } catch (IllegalArgumentException e) {
            err.println("cellbridge-sim: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 2;
        }
        Simulator sim;
        try {
            sim = Simulator.start(options);
        } catch (IOException e) {
            err.println("cellbridge-sim: cannot bind port: " + e.getMessage());
            return 3;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.stop();
            done.countDown();
        }, "cellbridge-sim-shutdown"));
        out.println("LISTENING " + sim.port());
        if (sim.controlPort() >= 0) {
            out.println("CONTROL " + sim.controlPort());
        }
        out.flush();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sim.stop();
        }
        return 0;
    }
}
