package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one TCP socket open through the module to an echo server, sends {@code cellbridge probe <n>} every interval
 * and prints the echo; when the socket fails or closes it reopens it with backoff (1 s doubling to 30 s, back to 1 s
 * after an echo). Runs on a thread of its own, named {@code cellbridge-console-probe}, from {@link #start()} to
 * {@link #stop()}.
 */
final class EchoProbe {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Longest line read back; an echo server returns what it got, far less. */
    static final int MAX_LINE = 1024;

    private final ConsoleSettings.Probe settings;
    private final Supplier<Optional<ModemDirectory.Entry>> modem;
    private final Consumer<String> print;
    private final Runnable onConnected;
    private final Object lock = new Object();
    private final Thread thread;

    private volatile boolean running;
    private volatile ModemSocket socket;

    /**
     * @param modem       the modem to use now, if any (asked again after every failure)
     * @param print       receives one line per connection, echo and failure
     * @param onConnected runs on the probe's thread after each connection (the console prints the status)
     */
    EchoProbe(ConsoleSettings.Probe settings, Supplier<Optional<ModemDirectory.Entry>> modem, Consumer<String> print,
        Runnable onConnected) {
        this.settings = settings;
        this.modem = modem;
        this.print = print;
        this.onConnected = onConnected;
        this.thread = new Thread(this::run, "cellbridge-console-probe");
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    /** Wakes the probe when a modem came or went. */
    void modemChanged() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Stops the probe and closes its socket; waits (bounded) for its thread to end. */
    void stop() {
        running = false;
        modemChanged();
        thread.interrupt();
        closeQuietly(socket);
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private String target() {
        return settings.host() + ":" + settings.port();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean waitingSaid = false;
        boolean contextSaid = false;
        while (running) {
            Optional<ModemDirectory.Entry> entry = modem.get();
            if (entry.isEmpty()) {
                if (!waitingSaid) {
                    print.accept("probe: waiting for a modem");
                    waitingSaid = true;
                }
                pause(Duration.ofSeconds(1));
                continue;
            }
            waitingSaid = false;
            try {
                if (!contextActive(entry.get())) {
                    if (!contextSaid) {
                        print.accept("probe: waiting for context " + settings.contextId() + " to be active");
                        contextSaid = true;
                    }
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                contextSaid = false;
                if (exchange(entry.get())) {
                    backoff = FIRST_BACKOFF;
                }
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                print.accept("probe: " + target() + ": " + reason(e) + "; reopening in " + backoff.toSeconds() + " s");
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Whether the probe's context is active on the module (AT+QIACT?): opening before would only fail. */
    private boolean contextActive(ModemDirectory.Entry entry) throws CellularException {
        return entry.modem().contexts().stream().anyMatch(c -> c.contextId() == settings.contextId() && c.active());
    }

    /** One connection: open, then a line per interval until it fails. Returns whether any echo came back. */
    private boolean exchange(ModemDirectory.Entry entry) throws IOException, CellularException {
        boolean echoed = false;
        ModemSocket opened = entry.modem().open(SocketSpec.tcp(settings.contextId(), settings.host(), settings.port()));
        socket = opened;
        try {
            if (!running) {
                return false;
            }
            print.accept("probe: connected to " + target() + " through modem " + entry.name() + " (socket "
                + opened.connectId() + ", context " + settings.contextId() + ")");
            onConnected.run();
            long readTimeout = Math.min(30, Math.max(5, 2L * settings.intervalSeconds()));
            opened.setReadTimeout(Duration.ofSeconds(readTimeout));
            OutputStream out = opened.output();
            InputStream in = opened.input();
            for (long n = 1; running; n++) {
                String line = "cellbridge probe " + n;
                out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String echo = readLine(in);
                print.accept("probe: echo \"" + echo + "\"");
                echoed = true;
                pause(Duration.ofSeconds(settings.intervalSeconds()));
            }
            return echoed;
        } finally {
            socket = null;
            closeQuietly(opened);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed by the peer");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8).replace("\r", "");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("no end of line within " + MAX_LINE + " bytes of echo");
            }
            line.write(b);
        }
    }

    /** Waits for the duration, or less when woken by {@link #modemChanged()} or {@link #stop()}. */
    private void pause(Duration duration) {
        synchronized (lock) {
            if (!running) {
                return;
            }
            try {
                lock.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                // stop() interrupts; running says the rest
            }
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(ModemSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // the link or the module is gone: nothing left to close
        }
    }
}
