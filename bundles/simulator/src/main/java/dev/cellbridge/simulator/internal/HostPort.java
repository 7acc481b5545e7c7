package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * The simulated serial line: a TCP port on 127.0.0.1 accepting one host connection at a time. A second connection
 * while one is active is refused: accepted and closed (the client reads end of stream) unless the active one ends
 * within half a second. Module state lives in {@link Modem} and survives a reconnect.
 */
final class HostPort {
    private static final long REFUSE_GRACE_NANOS = 500_000_000L;
    private static final System.Logger LOG = System.getLogger(HostPort.class.getName());
    private final ServerSocket server;
    private final Modem modem;
    private final HostOutput output;
    private final Pacer inputPacer;
    private final Thread acceptThread;
    private Socket active;
    private Thread readerThread;
    private volatile boolean stopped;

    HostPort(int port, Modem modem, HostOutput output, Pacer inputPacer) throws IOException {
        this.server = Io.bindLoopback(port, 50);
        this.modem = modem;
        this.output = output;
        this.inputPacer = inputPacer;
        this.acceptThread = Io.daemon("host-accept", this::acceptLoop);
    }

    void start() {
        acceptThread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!stopped) {
                    LOG.log(System.Logger.Level.WARNING, "host port accept failed: " + e);
                }
                return;
            }
            synchronized (this) {
                // the previous host may just have closed: give its reader a moment to see end of stream
                long deadline = System.nanoTime() + REFUSE_GRACE_NANOS;
                while (active != null && System.nanoTime() < deadline) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        Io.closeQuietly(s);
                        return;
                    }
                }
                if (active != null) {
                    LOG.log(System.Logger.Level.INFO, "refusing second host connection from "
                            + s.getRemoteSocketAddress() + ": the line is in use");
                    Io.closeQuietly(s);
                    continue;
                }
                active = s;
                try {
                    s.setTcpNoDelay(true);
                    OutputStream os = s.getOutputStream();
                    InputStream is = s.getInputStream();
                    output.attach(os);
                    readerThread = Io.daemon("host-rx", () -> readLoop(s, is, os));
                    readerThread.start();
                } catch (IOException e) {
                    active = null;
                    Io.closeQuietly(s);
                }
            }
        }
    }

    private void readLoop(Socket s, InputStream in, OutputStream os) {
        byte[] buf = new byte[4096];
        try {
            while (!stopped) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                deliver(buf, n);
            }
        } catch (IOException e) {
            // connection dropped: same as end of stream
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            output.detach(os);
            Io.closeQuietly(s);
            synchronized (this) {
                if (active == s) {
                    active = null;
                }
                notifyAll();
            }
        }
    }

    /**
     * Hands what the host wrote to the modem as a paced line delivers it: slice by slice, each when its last byte
     * has passed (the last one without oversleeping, as the host may be waiting for its answer). The whole read is
     * scheduled at once, so the time the modem spends on a slice is not added on.
     */
    private void deliver(byte[] buf, int n) throws InterruptedException {
        int slice = inputPacer.active() ? HostOutput.SLICE : n;
        int off = 0;
        while (off < n) {
            long start = inputPacer.reserve(n - off);
            int base = off;
            boolean stalled = false;
            while (off < n && !stalled) {
                int len = Math.min(slice, n - off);
                long passed = start + inputPacer.nanosFor(off + len - base);
                // the last slice may end a command or a payload the host now waits on; earlier ones cannot
                inputPacer.awaitUntil(passed, off + len == n);
                output.answering(inputPacer, passed);
                try {
                    modem.onHostBytes(buf, off, len, System.nanoTime());
                } catch (RuntimeException e) {
                    // whatever the bytes were, the line stays up
                    LOG.log(System.Logger.Level.WARNING, "host input failed unexpectedly", e);
                } finally {
                    output.answered();
                }
                off += len;
                stalled = modem.awaitTransparentCapacity();
            }
            if (stalled) {
                inputPacer.stalled(); // the rest of this read is scheduled again from now
            }
        }
    }

    /** Drops the host connection (the {@code unplug} fault). @return whether one was connected */
    boolean unplug() {
        Socket s;
        synchronized (this) {
            s = active;
        }
        if (s != null) {
            Io.closeQuietly(s);
            return true;
        }
        return false;
    }

    /** Closes the listening socket of a port that was never started. */
    void closeServer() {
        Io.closeQuietly(server);
    }

    void stop() throws InterruptedException {
        stopped = true;
        Io.closeQuietly(server);
        unplug();
        acceptThread.join(2000);
        Thread r;
        synchronized (this) {
            r = readerThread;
        }
        if (r != null) {
            r.join(2000);
        }
    }
}
