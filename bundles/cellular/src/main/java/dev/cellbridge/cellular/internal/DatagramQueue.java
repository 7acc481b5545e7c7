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
final class DatagramQueue extends ReceivedInput {

    private final int capacity;
    private final int hardLimit;
    private final Runnable onSpace;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private long dropped;

    DatagramQueue(int capacity, int hardLimit, Runnable onSpace) {
        this.capacity = capacity;
        this.hardLimit = hardLimit;
        this.onSpace = onSpace;
    }

    @Override
    synchronized boolean hasRoom() {
        return queue.size() < capacity;
    }

    @Override
    void discard() {
        queue.clear();
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
                if (endedWhenEmpty()) {
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
            throwIfAborted();
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
