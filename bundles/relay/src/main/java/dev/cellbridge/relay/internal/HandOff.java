package dev.cellbridge.relay.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue drained by one named thread this object owns. Producers that must never block (the AT channel's
 * dispatcher) {@link #offer} and an item is dropped and counted when the queue is full; producers that may wait (the
 * relay's own socket readers) {@link #put}, which is backpressure instead of loss.
 */
final class HandOff<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);

    private final BlockingQueue<T> queue;
    private final Consumer<T> consumer;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean running = true;

    HandOff(String threadName, int capacity, Consumer<T> consumer) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.consumer = consumer;
        this.thread = new Thread(this::drain, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues without waiting; drops and counts the item when the queue is full. */
    boolean offer(T item) {
        if (running && queue.offer(item)) {
            return true;
        }
        long n = dropped.incrementAndGet();
        if (Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: says so without flooding the log
            LOG.warn("{}: queue of {} full, {} item(s) dropped so far", thread.getName(),
                    queue.size() + queue.remainingCapacity(), n);
        }
        return false;
    }

    /**
     * Queues, waiting as long as the queue is full (backpressure: the relay's socket readers then stop reading and
     * the module's buffer and TCP's window hold the data); false only when the hand-off was stopped meanwhile.
     */
    boolean put(T item) throws InterruptedException {
        while (running) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        dropped.incrementAndGet();
        return false;
    }

    long dropped() {
        return dropped.get();
    }

    long handled() {
        return handled.get();
    }

    int queued() {
        return queue.size();
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            T item;
            try {
                item = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // close() interrupts only after the queue had its chance to drain
                return;
            }
            if (item == null) {
                continue;
            }
            try {
                consumer.accept(item);
            } catch (RuntimeException e) {
                LOG.error("{}: handling {} failed; continuing with the next", thread.getName(), item, e);
            }
            handled.incrementAndGet();
        }
    }

    /** Stops taking items, lets the thread handle what is queued (up to 5 s), then stops it. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
