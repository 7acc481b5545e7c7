package dev.cellbridge.itests.distrib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process whose stdout and stderr lines are collected by two named threads; closing it stops the process
 * (SIGTERM, then SIGKILL after a bound) and its descendants.
 */
final class RunningProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private RunningProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout, name + "-stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, name + "-stderr");
    }

    static RunningProcess start(String name, ProcessBuilder builder) throws IOException {
        return new RunningProcess(name, builder.start());
    }

    private static Thread collect(InputStream in, List<String> lines, String threadName) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + threadName + " failed: " + e + ">");
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    Process process() {
        return process;
    }

    List<String> stdout() {
        return stdout;
    }

    List<String> stderr() {
        return stderr;
    }

    /** Writes to the process's stdin and flushes. */
    void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /**
     * Sends SIGTERM. Unlike {@link Process#destroy()}, which also closes the pipes, this leaves the output readable
     * to its end.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Closes the process's stdin (end of input). */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits (bounded) for the process to exit and for its output to be read to the end; the exit status, or -1. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        stdoutReader.join(TimeUnit.SECONDS.toMillis(5));
        stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /** Whether a line matching has been printed on stdout or stderr. */
    boolean printed(Predicate<String> line) {
        return stdout.stream().anyMatch(line) || stderr.stream().anyMatch(line);
    }

    /** Everything printed so far, for failure messages. */
    String transcript() {
        return name + " stdout:\n  " + String.join("\n  ", stdout) + "\n" + name + " stderr:\n  " + String.join("\n  ", stderr);
    }

    /** Stops the process if it still runs: SIGTERM, then SIGKILL (descendants too) after 30 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                terminate();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
