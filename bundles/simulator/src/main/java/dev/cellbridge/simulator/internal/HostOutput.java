package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * The module's transmit line to the host. Every write is one unit, kept whole and in order, so a URC never lands
 * inside a response line or a payload. With no host attached the bytes are lost, as on an unplugged serial line.
 *
 * <p>Unpaced, a write goes to the host at once. Paced ({@code --baud}), it works like a UART with a transmit FIFO:
 * the writer hands its bytes over and goes on (waiting only while the FIFO is full), and the line's own thread
 * sends them at the line rate, slice by slice, each when its last byte has passed. The line is busy from the moment
 * bytes are handed over while it is idle, and stays busy as long as the FIFO holds more, whatever the writer does
 * meanwhile: the simulator's own processing between writes costs no line time, as on real hardware.
 */
final class HostOutput {
    /** Bytes handed to the host at a time on a paced line. */
    static final int SLICE = 64;
    /** Bytes a writer may be ahead of the paced line. */
    static final int FIFO_BYTES = 4096;
    /**
     * At most this much of the time between the host's input passing the line and the answer being written is not
     * counted (see {@link #answering}); more means the module was busy, and the line was idle meanwhile.
     */
    static final long MAX_ANSWER_LATENESS_NANOS = 1_000_000;
    /** A short answer due on the line within this long is waited for by its writer (see {@link #write}). */
    static final long INLINE_WAIT_NANOS = 200_000;

    private record Unit(byte[] bytes, long handedOver, OutputStream to) {
    }

    private final Pacer pacer;
    private final ArrayDeque<Unit> fifo = new ArrayDeque<>();
    private final Thread line;
    private int queued;
    private boolean stopped;
    private OutputStream out;
    private boolean fragment;
    private Thread answeringThread;
    private Pacer inputPacer;
    private long inputPassedAt;

    HostOutput(Pacer pacer) {
        this.pacer = pacer;
        this.line = pacer.active() ? Io.daemon("host-tx", this::lineLoop) : null;
        if (line != null) {
            line.start();
        }
    }

    synchronized void attach(OutputStream stream) {
        this.out = stream;
    }

    synchronized void detach(OutputStream stream) {
        if (this.out == stream) {
            this.out = null;
            fifo.removeIf(u -> u.to == stream); // what had not passed the line is lost with it
            queued = fifo.stream().mapToInt(u -> u.bytes.length).sum();
            notifyAll();
        }
    }

    synchronized void fragment(boolean on) {
        this.fragment = on;
    }

    /**
     * The calling thread is handing the modem host input whose last byte passed the input line at {@code passedAt}
     * (on {@code inputPacer}'s clock): until {@link #answered()}, what this thread writes counts as handed over
     * right then, up to {@link #MAX_ANSWER_LATENESS_NANOS} before the write. A UART module can answer as soon as
     * the command has passed; the time the simulator took to wake up and process it (the input wait's timer
     * slack, thread hand-offs) is not the line's. The line still starts no earlier than it was free, so it never
     * carries more than its rate.
     */
    synchronized void answering(Pacer inputPacer, long passedAt) {
        this.answeringThread = Thread.currentThread();
        this.inputPacer = inputPacer;
        this.inputPassedAt = passedAt;
    }

    /** The input given in {@link #answering} has been handled. */
    synchronized void answered() {
        answeringThread = null;
        inputPacer = null;
    }

    /** @return when bytes written now count as handed over (on the output pacer's clock) */
    private long handOverTime() {
        long now = pacer.now();
        if (answeringThread != Thread.currentThread()) {
            return now;
        }
        long late = Math.max(0, Math.min(inputPacer.now() - inputPassedAt, MAX_ANSWER_LATENESS_NANOS));
        if (late > 0) {
            inputPacer.dropCredit(); // the host is not held up by this lateness: its next input needs no make-up
        }
        return now - late;
    }

    synchronized void write(byte[] bytes) {
        if (out == null || bytes.length == 0) {
            return;
        }
        if (line == null) {
            send(out, bytes, fragment);
            return;
        }
        while (queued >= FIFO_BYTES && !stopped && out != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (stopped || out == null) {
            return;
        }
        long handedOver = handOverTime();
        if (fifo.isEmpty() && !fragment && bytes.length <= SLICE) {
            // a short answer on an idle line that passes it soon (a prompt, SEND OK): this thread sends it itself
            // when it has passed, as waking the line's thread would take about as long as the answer
            long passed = pacer.reserveWithin(handedOver, bytes.length, INLINE_WAIT_NANOS);
            if (passed >= 0) {
                pacer.awaitUntil(passed, true);
                send(out, bytes, false);
                return;
            }
        }
        fifo.add(new Unit(bytes.clone(), handedOver, out));
        queued += bytes.length;
        notifyAll();
    }

    /** Waits until the paced line has sent everything handed over (tests). */
    synchronized void awaitSent() throws InterruptedException {
        while (!fifo.isEmpty() && !stopped) {
            wait();
        }
    }

    /** Stops the line's thread; what it had not sent is dropped. */
    void stop() {
        synchronized (this) {
            stopped = true;
            fifo.clear();
            queued = 0;
            notifyAll();
        }
        if (line != null) {
            line.interrupt();
            try {
                line.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void lineLoop() {
        while (true) {
            Unit u;
            boolean bytewise;
            synchronized (this) {
                while (fifo.isEmpty() && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        if (stopped) {
                            return;
                        }
                    }
                }
                if (stopped) {
                    return;
                }
                u = fifo.peek();
                bytewise = fragment;
            }
            // busy since it was handed over, or since the line finished what was handed over before
            long start = pacer.reserveFrom(u.handedOver, u.bytes.length);
            int slice = bytewise ? 1 : SLICE;
            for (int off = 0; off < u.bytes.length; off += slice) {
                int n = Math.min(slice, u.bytes.length - off);
                // the host reacts to a unit's end (a whole line or payload): that one must not be late
                pacer.awaitUntil(start + pacer.nanosFor(off + n), off + n == u.bytes.length);
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    if (out != u.to) {
                        break; // the host went away: the rest is lost
                    }
                }
                if (!sendSlice(u.to, u.bytes, off, n, bytewise || off + n == u.bytes.length)) {
                    break;
                }
            }
            synchronized (this) {
                if (fifo.peek() == u) {
                    fifo.poll();
                    queued -= u.bytes.length;
                }
                notifyAll();
            }
        }
    }

    private boolean sendSlice(OutputStream to, byte[] bytes, int off, int n, boolean flush) {
        try {
            to.write(bytes, off, n);
            if (flush) {
                to.flush();
            }
            return true;
        } catch (IOException e) {
            lost(to);
            return false;
        }
    }

    private void send(OutputStream to, byte[] bytes, boolean bytewise) {
        try {
            if (bytewise) {
                for (byte b : bytes) {
                    to.write(b);
                    to.flush();
                }
            } else {
                to.write(bytes);
                to.flush();
            }
        } catch (IOException e) {
            lost(to);
        }
    }

    /** The host went away; the reader side notices and detaches. */
    private synchronized void lost(OutputStream to) {
        if (out == to) {
            out = null;
        }
    }
}
