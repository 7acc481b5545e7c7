package dev.cellbridge.cellular.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modem's own thread for socket work that URCs start: reading buffered data with QIRD, closing
 * connections nobody can take, recovering from a deactivated context. URC handlers run on the AT
 * channel's dispatcher thread, which must never wait for a command (a command waiting for a URC would
 * wait for itself), so they hand the work over to this thread. Tasks run one at a time, in order.
 */
final class SocketWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SocketWorker.class);

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    SocketWorker(String modemName) {
        thread = new Thread(this::run, "cellbridge-sockets-" + modemName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a task; ignored once stopped. */
    void submit(Runnable task) {
        if (!stopped) {
            tasks.add(task);
        }
    }

    boolean isWorkerThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (!stopped) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{}: socket task failed", thread.getName(), e);
            }
        }
    }

    /** Stops the thread (a command in flight is abandoned) and waits for it, bounded. */
    void stop() {
        stopped = true;
        tasks.clear();
        thread.interrupt();
        if (!isWorkerThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
