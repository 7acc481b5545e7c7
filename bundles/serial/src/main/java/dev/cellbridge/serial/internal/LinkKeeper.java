package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import dev.cellbridge.serial.SerialLinkException;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one configured link open on a thread of its own: opens it, publishes it while it is open,
 * notices when it ends (a user of the link sees end of stream or an error, or the periodic check
 * finds the device gone), withdraws it, and reopens it with capped exponential backoff. Each state
 * change is reported once ({@link LinkEvent}), not every retry.
 */
final class LinkKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LinkKeeper.class);

    /** How often an open link's device is checked when nobody reports a problem. */
    static final long LIVENESS_CHECK_MS = 1_000;
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final ComponentSettings settings;
    private final LinkPublisher publisher;
    private final Consumer<LinkEvent> events;
    private final Thread thread;
    private final Cancellation cancellation = new Cancellation();
    private final Object monitor = new Object();
    private volatile boolean stopping;

    /** @param events receives each state change once (the component logs them) */
    LinkKeeper(ComponentSettings settings, LinkPublisher publisher, Consumer<LinkEvent> events) {
        this.settings = settings;
        this.publisher = publisher;
        this.events = events;
        this.thread = new Thread(this::run, "cellbridge-serial-link-" + settings.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread; the link is closed and withdrawn before this returns. */
    void stop() {
        stopping = true;
        cancellation.cancel();
        synchronized (monitor) {
            monitor.notifyAll();
        }
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("Serial link {}: thread {} did not stop within {} ms", settings.name(), thread.getName(), STOP_TIMEOUT_MS);
        }
    }

    /** The thread that owns the link (for tests and diagnostics). */
    Thread thread() {
        return thread;
    }

    private void run() {
        Backoff backoff = settings.backoff();
        long delay = backoff.initialMs();
        String lastFailure = null;
        while (!stopping) {
            ProviderLink link;
            try {
                link = LinkProviders.open(settings.target(), settings.uri(), cancellation);
            } catch (SerialLinkException | RuntimeException e) {
                if (stopping) {
                    break;
                }
                if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                    lastFailure = String.valueOf(e.getMessage());
                    report(new LinkEvent.OpenFailed(settings.name(), lastFailure, backoff.initialMs(), backoff.maxMs()));
                }
                pause(delay);
                delay = backoff.next(delay);
                continue;
            }
            lastFailure = null;
            String reason = serve(link);
            if (stopping) {
                break;
            }
            report(new LinkEvent.Lost(settings.name(), reason));
            delay = backoff.initialMs();
            pause(delay);
            delay = backoff.next(delay);
        }
        report(new LinkEvent.Stopped(settings.name()));
    }

    /** Publishes the open link until it ends or the keeper stops; returns why it ended. */
    private String serve(ProviderLink link) {
        Session session = new Session();
        LinkPublisher.Publication publication;
        try {
            publication = publisher.publish(new ObservedLink(link, session::ended), Map.of(
                    SerialLink.SERVICE_PROPERTY_URI, settings.uri(),
                    SerialLink.SERVICE_PROPERTY_NAME, settings.name()));
        } catch (RuntimeException e) {
            LOG.error("Serial link {}: cannot register the SerialLink service", settings.name(), e);
            link.close();
            return "service registration failed: " + e;
        }
        report(new LinkEvent.Opened(settings.name(), settings.uri(), settings.target().toUri()));
        try {
            return session.awaitEnd(link);
        } finally {
            // close first: it wakes readers that consumers may be waiting for while they unbind
            link.close();
            publication.withdraw();
        }
    }

    private void report(LinkEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.error("Serial link {}: reporting {} failed", settings.name(), event, e);
        }
    }

    private void pause(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (monitor) {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
        }
    }

    /** One open period of the link: remembers the first reason it ended. */
    private final class Session {
        private String endReason;

        void ended(String reason) {
            synchronized (monitor) {
                if (endReason == null) {
                    endReason = reason;
                }
                monitor.notifyAll();
            }
        }

        String awaitEnd(ProviderLink link) {
            while (true) {
                synchronized (monitor) {
                    if (endReason == null && !stopping) {
                        try {
                            monitor.wait(LIVENESS_CHECK_MS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            stopping = true;
                        }
                    }
                    if (stopping) {
                        return "stopped";
                    }
                    if (endReason != null) {
                        return endReason;
                    }
                }
                // outside the monitor: the check touches the file system and the driver
                link.problem().ifPresent(this::ended);
            }
        }
    }
}
