package dev.cellbridge.at.internal;

import dev.cellbridge.at.ChannelEvent;
import dev.cellbridge.at.ChannelListener;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.at.Urc;
import dev.cellbridge.at.UrcListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers URCs and channel events to listeners on one thread of its own, in order, so that the
 * reader never waits for a listener. URCs beyond the capacity are dropped and counted (a listener
 * that slow is a bug to fix, not a reason to run out of memory); channel events are never dropped.
 */
final class UrcDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(UrcDispatcher.class);

    private record Registration(String prefix, UrcListener listener) {
    }

    private static final Object STOP = new Object();

    /** A place in the queue: passed once everything queued before it has been delivered. */
    private record Marker(CountDownLatch passed) {
    }

    private final String name;
    private final int capacity;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedUrcs = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Registration> urcListeners = new CopyOnWriteArrayList<>();
    private final List<ChannelListener> channelListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;

    UrcDispatcher(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.thread = new Thread(this::run, "cellbridge-at-urc-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Subscription subscribe(String prefix, UrcListener listener) {
        Registration r = new Registration(prefix, listener);
        urcListeners.add(r);
        return () -> urcListeners.remove(r);
    }

    Subscription addListener(ChannelListener listener) {
        channelListeners.add(listener);
        return () -> channelListeners.remove(listener);
    }

    void urc(Urc urc) {
        if (queuedUrcs.incrementAndGet() > capacity) {
            queuedUrcs.decrementAndGet();
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // log at 1, 2, 4, 8 ... drops, not once per URC
                LOG.warn("{}: URC listeners too slow, {} URC(s) dropped so far; latest: {}", name, n, urc.line());
            }
            return;
        }
        queue.add(urc);
    }

    void event(ChannelEvent event) {
        queue.add(event);
    }

    /**
     * Waits until everything queued before this call has been delivered, at most {@code nanos}. On the delivering
     * thread itself it returns at once: what came before is being delivered by its own caller.
     *
     * @return whether it was delivered in time (false also once the thread has stopped)
     */
    boolean awaitDelivered(long nanos) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return true;
        }
        Marker marker = new Marker(new CountDownLatch(1));
        queue.add(marker);
        return thread.isAlive() && marker.passed.await(nanos, TimeUnit.NANOSECONDS);
    }

    long delivered() {
        return delivered.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Delivers what is queued, then stops the thread. Does not wait. */
    void stop() {
        queue.add(STOP);
    }

    /** Waits (bounded) for the thread to end, unless called on it (a listener closing the channel). */
    void awaitStopped() {
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == STOP) {
                    return;
                }
                if (item instanceof Urc urc) {
                    queuedUrcs.decrementAndGet();
                    delivered.incrementAndGet();
                    deliver(urc);
                } else if (item instanceof Marker marker) {
                    marker.passed.countDown();
                } else {
                    deliver((ChannelEvent) item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Urc urc) {
        for (Registration r : urcListeners) {
            if (urc.line().startsWith(r.prefix())) {
                try {
                    r.listener().onUrc(urc);
                } catch (RuntimeException e) {
                    LOG.error("{}: URC listener failed on {}", name, urc, e);
                }
            }
        }
    }

    private void deliver(ChannelEvent event) {
        for (ChannelListener l : channelListeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("{}: channel listener failed on {}", name, event, e);
            }
        }
    }
}
