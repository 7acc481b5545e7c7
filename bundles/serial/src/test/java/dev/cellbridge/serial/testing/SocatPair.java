package dev.cellbridge.serial.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by socat: bytes written to one end's device come out of
 * the other's. The ends are symlinks {@code a} and {@code b} in a directory of the test's own.
 * Killing socat makes both devices disappear; {@link #start()} again recreates them on the same paths.
 */
public final class SocatPair implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 10_000;

    private final Path dir;
    private final Path a;
    private final Path b;
    private Process process;

    private SocatPair(Path dir) {
        this.dir = dir;
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
    }

    /** Starts socat with its links in {@code dir}; fails the test with a clear message if socat is missing. */
    public static SocatPair start(Path dir) throws IOException, InterruptedException {
        SocatPair pair = new SocatPair(dir);
        pair.start();
        return pair;
    }

    /** (Re)starts socat on the same link paths and waits until both links exist. */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("socat already running");
        }
        List<String> command = List.of("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("socat.log").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            fail("socat is not installed (or not on PATH): the serial tests need it to make pseudo-terminal pairs;"
                    + " install it, e.g. 'apt-get install socat'. (" + e.getMessage() + ")");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive()) {
                fail("socat exited with " + process.exitValue() + " before creating its links; log:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                fail("socat did not create " + a + " and " + b + " within " + START_TIMEOUT_MS + " ms; log:\n" + log());
            }
            Thread.sleep(10);
        }
    }

    /** Kills socat (both pseudo-terminals close, their links are removed) and waits for it to exit. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** One end's device path (a symlink to /dev/pts/N). */
    public String a() {
        return a.toString();
    }

    /** The other end's device path. */
    public String b() {
        return b.toString();
    }

    public Path dir() {
        return dir;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("socat.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "socat pair " + a + " <-> " + b + (process == null ? " (stopped)" : "");
    }
}
