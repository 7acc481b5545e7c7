package dev.cellbridge.simulator.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The module's send buffer of one TCP socket: QISEND puts data in, a writer thread takes it out to the real socket.
 * Capacity 10240 bytes (the spec's {@code <free_size>} range); "written" counts as acknowledged on loopback.
 */
final class SendQueue {
    static final int CAPACITY = 10240;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int queued;
    private long accepted;
    private long written;
    private boolean closed;

    /** Adds data if it fits (QISEND). @return false when the buffer is full */
    synchronized boolean offer(byte[] data) {
        if (closed || queued + data.length > CAPACITY) {
            return false;
        }
        add(data);
        return true;
    }

    /** Adds data regardless of capacity (transparent mode; the reader then waits via {@link #awaitSpace}). */
    synchronized void force(byte[] data) {
        if (!closed) {
            add(data);
        }
    }

    private void add(byte[] data) {
        chunks.add(data);
        queued += data.length;
        accepted += data.length;
        notifyAll();
    }

    synchronized int free() {
        return Math.max(0, CAPACITY - queued);
    }

    synchronized long accepted() {
        return accepted;
    }

    synchronized long written() {
        return written;
    }

    /** Writer side: the next chunk, or null once closed and drained. */
    synchronized byte[] take() throws InterruptedException {
        while (chunks.isEmpty() && !closed) {
            wait();
        }
        return chunks.peek();
    }

    synchronized void done(byte[] chunk) {
        chunks.poll();
        queued -= chunk.length;
        written += chunk.length;
        notifyAll();
    }

    /**
     * Waits until the queue is empty, at most {@code maxMillis}, and gives up sooner once the peer has taken nothing
     * for {@code stallMillis} (its window is full: waiting longer would only hold the module up).
     */
    synchronized void awaitDrained(long maxMillis, long stallMillis) throws InterruptedException {
        long now = System.nanoTime();
        long deadline = now + maxMillis * 1_000_000L;
        long progressDeadline = now + stallMillis * 1_000_000L;
        long lastWritten = written;
        while (queued > 0 && !closed) {
            now = System.nanoTime();
            if (written != lastWritten) {
                lastWritten = written;
                progressDeadline = now + stallMillis * 1_000_000L;
            }
            long left = Math.min(deadline, progressDeadline) - now;
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits until the queue is below capacity (transparent mode backpressure). @return whether it had to wait */
    synchronized boolean awaitSpace() throws InterruptedException {
        boolean waited = false;
        while (queued >= CAPACITY && !closed) {
            waited = true;
            wait(1000);
        }
        return waited;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized void discard() {
        chunks.clear();
        queued = 0;
        closed = true;
        notifyAll();
    }
}
