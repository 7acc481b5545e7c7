package dev.cellbridge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulator jar run as a process of its own, listening on a free loopback port (a harness measures a module on
 * the other side of a real socket). Ended on {@link #close()}, and when the harness is stopped (Ctrl-C).
 */
final class SimulatorProcess implements AutoCloseable {

    private static final String LISTENING = "LISTENING ";

    private final Process process;
    private final Thread stopOnExit;
    private final int port;

    private SimulatorProcess(Process process, Thread stopOnExit, int port) {
        this.process = process;
        this.stopOnExit = stopOnExit;
        this.port = port;
    }

    /** Starts {@code jar}'s simulator with {@code --tcp 0} and the given options; returns once it listens. */
    static SimulatorProcess start(Path jar, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", jar.toString(), "dev.cellbridge.simulator.internal.Main", "--tcp", "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread stopOnExit = new Thread(process::destroyForcibly, "bench-stop-sim");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        String first = out.readLine();
        if (first == null || !first.startsWith(LISTENING)) {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            throw new IOException("the simulator did not start: " + first);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bench-sim-output");
        drain.setDaemon(true);
        drain.start();
        return new SimulatorProcess(process, stopOnExit, Integer.parseInt(first.substring(LISTENING.length()).trim()));
    }

    /** The loopback port the simulator's AT interface listens on. */
    int port() {
        return port;
    }

    /** The process, e.g. to read its CPU time. */
    Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }
}
