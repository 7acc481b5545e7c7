package dev.cellbridge.cellular.internal;

import dev.cellbridge.cellular.Datagram;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Datagrams a UDP socket received and the application has not taken yet, one entry per datagram so
 * that boundaries are kept. Like {@link ReceiveBuffer}: {@link #offer} never blocks (dispatcher thread);
 * buffer-mode reads pause while {@link #hasRoom()} is false. A pushed datagram that finds the queue at its
 * hard limit is dropped and counted (UDP may lose datagrams; memory must stay bounded).
 */
final class DatagramQueue {

    private final int capacity;
    private final int hardLimit;
    private final Runnable onSpace;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private long dropped;
    private boolean finished;
    private IOException failure;
    private IOException aborted;

    DatagramQueue(int capacity, int hardLimit, Runnable onSpace) {
        this.capacity = capacity;
        this.hardLimit = hardLimit;
        this.onSpace = onSpace;
    }

    synchronized boolean hasRoom() {
        return queue.size() < capacity;
    }

    synchronized boolean isEnded() {
        return finished || failure != null || aborted != null;
    }

    /** Datagrams dropped because the application did not take them in time. */
    synchronized long dropped() {
        return dropped;
    }

    /** Adds a datagram without blocking; returns false when it was dropped (queue full or ended). */
    synchronized boolean offer(Datagram d) {
        if (isEnded()) {
            return false;
        }
        if (queue.size() >= hardLimit) {
            dropped++;
            return false;
        }
        queue.add(d);
        notifyAll();
        return true;
    }

    /** Adds a datagram, first waiting while the queue is full and {@code keepWaiting} says so. */
    synchronized boolean offerWhileRoom(Datagram d, BooleanSupplier keepWaiting) throws InterruptedException {
        while (queue.size() >= capacity && !isEnded() && keepWaiting.getAsBoolean()) {
            wait(100);
        }
        return offer(d);
    }

    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    synchronized void fail(IOException e) {
        if (!isEnded()) {
            failure = e;
            notifyAll();
        }
    }

    synchronized void abort(IOException e) {
        if (aborted == null) {
            aborted = e;
            queue.clear();
            notifyAll();
        }
    }

    /**
     * The next datagram, waiting up to {@code timeoutMillis}; empty on timeout.
     *
     * @throws IOException when the socket was closed, or failed and no datagram is left; at a plain end
     *                     (peer closed) with nothing left, an {@link java.io.EOFException}
     */
    Optional<Datagram> take(long timeoutMillis) throws IOException {
        Datagram d;
        boolean space;
        synchronized (this) {
            long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
            while (queue.isEmpty()) {
                if (aborted != null) {
                    throw aborted;
                }
                if (failure != null) {
                    throw failure;
                }
                if (finished) {
                    throw new java.io.EOFException("the socket has ended; no more datagrams");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a datagram");
                }
            }
            if (aborted != null) {
                throw aborted;
            }
            int before = queue.size();
            d = queue.poll();
            space = before >= capacity / 2 && queue.size() < capacity / 2;
            notifyAll();
        }
        if (space) {
            onSpace.run();
        }
        return Optional.of(d);
    }
}
