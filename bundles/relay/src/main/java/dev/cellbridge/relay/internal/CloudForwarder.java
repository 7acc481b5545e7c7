package dev.cellbridge.relay.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the disk queue through a {@link CloudSink} (Kura's cloud connection) in order, one message at a time,
 * retrying a refused message with capped backoff. Its thread runs only while a sink is set.
 */
final class CloudForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudForwarder.class);

    private final DiskQueue outbox;
    private final String prefix;
    private final AtomicLong published = new AtomicLong();
    private final Object signal = new Object();
    private CloudSink sink; // guarded by signal
    private Thread thread; // guarded by signal
    private byte[] pendingState; // guarded by signal

    CloudForwarder(DiskQueue outbox, String prefix) {
        this.outbox = outbox;
        this.prefix = prefix;
    }

    void sink(CloudSink value) {
        Thread old = null;
        synchronized (signal) {
            sink = value;
            if (value != null && thread == null) {
                thread = new Thread(this::run, "cellbridge-relay-cloud");
                thread.setDaemon(true);
                thread.start();
            } else if (value == null && thread != null) {
                old = thread;
                thread = null;
            }
            signal.notifyAll();
        }
        Threads.join(old);
    }

    void kick() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    void stateChanged(byte[] state) {
        synchronized (signal) {
            if (sink != null) {
                pendingState = state;
                signal.notifyAll();
            }
        }
    }

    long published() {
        return published.get();
    }

    private void run() {
        long backoff = 100;
        while (true) {
            CloudSink s;
            byte[] st;
            synchronized (signal) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                s = sink;
                st = pendingState;
                pendingState = null;
            }
            try {
                if (st != null) {
                    s.publish("state", st, 1, true, "application/json");
                }
                Optional<OutboxMessage> m = outbox.after(-1);
                if (m.isPresent()) {
                    OutboxMessage msg = m.get();
                    String topic = msg.topic().startsWith(prefix) ? msg.topic().substring(prefix.length()) : msg.topic();
                    s.publish(topic, msg.payload(), msg.qos(), msg.retained(),
                            topic.endsWith("/rx") ? "application/octet-stream" : "application/json");
                    outbox.remove(msg.seq());
                    published.incrementAndGet();
                    backoff = 100;
                    continue;
                }
                synchronized (signal) {
                    if (thread == Thread.currentThread() && pendingState == null) {
                        signal.wait(200);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.info("cloud publisher refused a message, retrying in {} ms: {}", backoff, e.toString());
                synchronized (signal) {
                    if (st != null && pendingState == null) {
                        pendingState = st;
                    }
                    try {
                        signal.wait(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    @Override
    public void close() {
        sink(null);
    }
}
