package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.ChannelEvent;
import dev.cellbridge.cellular.CellularComponents;
import dev.cellbridge.cellular.ManagedModem;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemState;
import dev.cellbridge.cellular.ModemWatchdog;
import dev.cellbridge.serial.SerialLink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one configured modem up, on a thread of its own: opens the link (retrying with capped, doubling delays
 * while it fails), starts the AT channel, the {@link Modem} and the watchdog, runs the initialization commands,
 * publishes the modem while the link is up (the watchdog runs from then on: a module that does not answer its
 * initialization commands is retried with backoff, not rebooted), and starts over when the link is lost, the module was rebooted, or a
 * change of configuration needs a new link. Smaller changes (initialization commands, watchdog and reboot policy,
 * reopen delays) apply without reopening. Every state change goes to the status listener.
 */
final class ModemKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(ModemKeeper.class);
    private static final long STOP_TIMEOUT_MS = 15_000;

    /** Makes a modem available to others (in OSGi: registers the Modem service). */
    interface Publisher {
        Publication publish(Modem modem, Map<String, Object> properties);
    }

    /** A published modem. */
    interface Publication {
        /** Replaces the published properties. */
        void update(Map<String, Object> properties);

        /** Stops offering the modem. Idempotent. */
        void withdraw();
    }

    /** Opens the link a configuration names. */
    interface LinkOpener {
        /**
         * @param stopped true once the keeper stops or its configuration changed: an opener that waits (for a named
         *                link) gives up then and returns null
         */
        SerialLink open(ModemSettings settings, BooleanSupplier stopped) throws IOException;
    }

    /** What the keeper thread is told. */
    private sealed interface Signal {
    }

    private record Stop() implements Signal {
    }

    private record Reconfigured() implements Signal {
    }

    private record LinkLost(Session session, String reason) implements Signal {
    }

    private record Rebooted(Session session) implements Signal {
    }

    private record StateChanged(ModemState state) implements Signal {
    }

    private final Publisher publisher;
    private final LinkOpener opener;
    private final Consumer<ManagedModem.Status> statusListener;
    private final Clock clock;
    private final Thread thread;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile ModemSettings settings;
    private volatile Map<String, Object> publicProperties;
    private volatile boolean stopping;
    private volatile ManagedModem.Status status;
    private volatile Session current;
    /** The session whose link is open but whose initialization has not finished; {@link #stop()} closes its link. */
    private volatile Session starting;
    /** Survives sessions, so that the growing reboot delays span reconnections; replaced when its settings change. */
    private StateTrackingPolicy policy;
    /** The settings {@link #policy} was made from. */
    private ModemSettings policySettings;

    ModemKeeper(ModemSettings settings, Map<String, Object> publicProperties, Publisher publisher,
            LinkOpener opener, Consumer<ManagedModem.Status> statusListener, Clock clock) {
        this.settings = settings;
        this.publicProperties = Map.copyOf(publicProperties);
        this.publisher = publisher;
        this.opener = opener;
        this.statusListener = statusListener;
        this.clock = clock;
        this.status = new ManagedModem.Status(settings.name(), settings.linkDescription(), ModemState.GONE, "starting");
        this.policy = newPolicy(settings);
        this.policySettings = settings;
        this.thread = new Thread(this::run, "cellbridge-modem-" + settings.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Takes a validated configuration; reopens the link only when the change needs it. */
    void update(ModemSettings next, Map<String, Object> nextPublicProperties) {
        settings = next;
        publicProperties = Map.copyOf(nextPublicProperties);
        signals.add(new Reconfigured());
    }

    /** Withdraws the modem, stops the watchdog, closes modem, channel and link, and ends the thread. */
    void stop() {
        stopping = true;
        signals.add(new Stop());
        Session s = starting;
        if (s != null) {
            s.abort(); // the initialization commands may wait a whole command timeout for a module that is silent
        }
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("Modem {}: thread {} did not stop within {} ms", settings.name(), thread.getName(),
                    STOP_TIMEOUT_MS);
        }
    }

    ManagedModem.Status status() {
        return status;
    }

    /** The modem while a session is up. */
    Optional<Modem> modem() {
        Session s = current;
        return s == null || s.publication == null ? Optional.empty() : Optional.of(s.modem);
    }

    /** The keeper's thread (tests check that it ends). */
    Thread thread() {
        return thread;
    }

    private void run() {
        Duration delay = settings.reopenInitial();
        String lastProblem = null;
        while (!stopping) {
            ModemSettings s = settings;
            Session session;
            try {
                session = openSession(s);
                if (session == null) {
                    continue; // stopped, or a new configuration while waiting for the link: open that one
                }
            } catch (IOException | RuntimeException e) {
                if (stopping) {
                    break;
                }
                String problem = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!problem.equals(lastProblem)) {
                    LOG.warn("Modem {}: {} is not usable: {}; retrying after {} to {}", s.name(), s.linkDescription(),
                            problem, text(s.reopenInitial()), text(s.reopenMax()));
                    lastProblem = problem;
                }
                setStatus(ModemState.GONE, status.linkUri(), problem);
                pause(delay);
                delay = next(delay, settings);
                continue;
            }
            lastProblem = null;
            delay = settings.reopenInitial();
            if (stopping) {
                session.close();
                break;
            }
            String ended;
            try {
                ended = serve(session);
            } catch (RuntimeException e) {
                // e.g. the framework refused the registration because the bundle is stopping
                LOG.error("Modem {}: publishing the modem failed; closing the link", s.name(), e);
                ended = "failed";
            }
            session.close();
            current = null;
            if (stopping) {
                break;
            }
            if (!ended.equals("reconfigured")) {
                pause(settings.reopenInitial());
            }
        }
        setStatus(ModemState.GONE, status.linkUri(), "stopped");
    }

    /** The started session, or null when the keeper stopped or the configuration changed while the link was awaited. */
    private Session openSession(ModemSettings s) throws IOException {
        if (!s.linkName().isEmpty()) {
            setStatus(ModemState.GONE, s.linkDescription(), "waiting for the serial link named '" + s.linkName() + "'");
        }
        SerialLink link = opener.open(s, () -> stopping || settings != s);
        if (link == null) {
            return null;
        }
        Session session = new Session(s, link);
        starting = session;
        try {
            if (stopping) { // stop() may have looked at starting before it was set
                throw new IOException("stopped");
            }
            session.start();
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        } finally {
            starting = null;
        }
    }

    /** Publishes the session's modem and follows signals until the session ends; returns why it ended. */
    private String serve(Session session) {
        ModemState state = ModemState.UP;
        session.publication = publisher.publish(session.modem, serviceProperties(session, state));
        current = session;
        setStatus(state, session.link.uri(), "");
        LOG.info("Modem {}: up on {}", session.settings.name(), session.link.uri());
        try {
            while (true) {
                Signal signal;
                try {
                    signal = signals.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                    return "stopped";
                }
                if (signal instanceof Stop) {
                    return "stopped";
                } else if (signal instanceof LinkLost lost && lost.session() == session) {
                    LOG.warn("Modem {}: link {} lost: {}", session.settings.name(), session.link.uri(), lost.reason());
                    setStatus(ModemState.GONE, session.link.uri(), "link lost: " + lost.reason());
                    return "lost";
                } else if (signal instanceof Rebooted r && r.session() == session) {
                    LOG.warn("Modem {}: module rebooted; reopening the link", session.settings.name());
                    return "rebooted";
                } else if (signal instanceof StateChanged changed) {
                    state = changed.state();
                    session.publication.update(serviceProperties(session, state));
                    setStatus(state, session.link.uri(), problemOf(state));
                } else if (signal instanceof Reconfigured) {
                    ModemSettings next = settings;
                    if (next.needsReopenFrom(session.settings)) {
                        LOG.info("Modem {}: configuration changed; reopening the link", next.name());
                        policyFor(next);
                        setStatus(ModemState.GONE, session.link.uri(), "reopening with a new configuration");
                        return "reconfigured";
                    }
                    session.reconfigure(next);
                    session.publication.update(serviceProperties(session, state));
                }
            }
        } finally {
            session.publication.withdraw();
        }
    }

    /** Waits, following signals; a stop or a new configuration ends the wait early. */
    private void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (!stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Signal signal;
            try {
                signal = signals.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
            if (signal instanceof Reconfigured) {
                policyFor(settings);
                return;
            }
            if (signal instanceof StateChanged changed && changed.state() == ModemState.REBOOTING) {
                setStatus(ModemState.REBOOTING, status.linkUri(), problemOf(ModemState.REBOOTING));
            }
            // Stop: the loop condition ends it; signals of an ended session: nothing to do
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String problemOf(ModemState state) {
        return switch (state) {
            case UP -> "";
            case UNRESPONSIVE -> "commands went unanswered; a reboot is due";
            case REBOOTING -> "rebooting";
            case GONE -> "gone";
        };
    }

    private static Duration next(Duration delay, ModemSettings s) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(s.reopenMax()) > 0 ? s.reopenMax() : doubled;
    }

    private Map<String, Object> serviceProperties(Session session, ModemState state) {
        Map<String, Object> properties = new HashMap<>(publicProperties);
        properties.put(CellularComponents.MODEM_NAME, session.settings.name());
        properties.put(CellularComponents.LINK_URI, session.link.uri());
        properties.put(CellularComponents.MODEM_STATE, state.name());
        return properties;
    }

    private void setStatus(ModemState state, String linkUri, String problem) {
        ManagedModem.Status next = new ManagedModem.Status(settings.name(), linkUri, state, problem);
        if (!next.equals(status)) {
            status = next;
            try {
                statusListener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("Modem {}: status listener failed", next.name(), e);
            }
        }
    }

    private StateTrackingPolicy newPolicy(ModemSettings s) {
        return new StateTrackingPolicy(s.rebootPolicy(clock), state -> signals.add(new StateChanged(state)));
    }

    /** Replaces the reboot policy when its settings changed (the count of failures starts over); true if it did. */
    private boolean policyFor(ModemSettings next) {
        if (!next.watchdogDiffersFrom(policySettings)) {
            return false;
        }
        policy = newPolicy(next);
        policySettings = next;
        return true;
    }

    /** One open link: channel, modem, watchdog and the publication. Used by the keeper thread only. */
    private final class Session {
        /** What the link, channel and modem were opened with. */
        final ModemSettings settings;
        /** What the init commands and the watchdog follow now (changes that need no reopen). */
        ModemSettings applied;
        final SerialLink link;
        AtChannel channel;
        Modem modem;
        ModemWatchdog watchdog;
        volatile Publication publication;

        Session(ModemSettings settings, SerialLink link) {
            this.settings = settings;
            this.applied = settings;
            this.link = link;
        }

        void start() throws IOException {
            channel = AtChannel.open(link, settings.channelOptions());
            channel.addListener(event -> {
                if (event instanceof ChannelEvent.LinkClosed closed) {
                    signals.add(new LinkLost(this, closed.reason()));
                }
            });
            modem = Modem.open(channel, settings.modemOptions());
            modem.initialize(settings.init());
            // only now: a module still booting (or one that never answers) is retried with backoff, not rebooted
            startWatchdog(settings);
        }

        void startWatchdog(ModemSettings s) {
            if (s.watchdog()) {
                String command = s.rebootCommand();
                watchdog = new ModemWatchdog(s.name(), channel, policy, () -> reboot(command), clock,
                        s.watchdogInterval());
            }
        }

        /** On the watchdog's thread: marks the modem rebooting, sends the reboot command, ends the session. */
        private void reboot(String command) {
            signals.add(new StateChanged(ModemState.REBOOTING));
            LOG.warn("Modem {}: unresponsive; rebooting it with {}", settings.name(), command);
            try {
                channel.execute(command);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Modem {}: {} got no answer ({}); reopening the link anyway", settings.name(), command,
                        e.getMessage());
            }
            signals.add(new Rebooted(this));
        }

        void reconfigure(ModemSettings next) {
            if (!next.init().equals(applied.init())) {
                try {
                    modem.initialize(next.init());
                    LOG.info("Modem {}: new initialization commands sent", next.name());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Modem {}: the new initialization commands failed: {}", next.name(), e.getMessage());
                }
            }
            if (policyFor(next)) {
                if (watchdog != null) {
                    watchdog.close();
                    watchdog = null;
                }
                startWatchdog(next);
                signals.add(new StateChanged(ModemState.UP)); // the count of unanswered commands starts over
            }
            applied = next;
        }

        /** From another thread: closes the link, so that a command in flight fails now. */
        void abort() {
            try {
                link.close();
            } catch (IOException e) {
                LOG.debug("Modem {}: closing {} failed", settings.name(), link.uri(), e);
            }
        }

        void close() {
            if (watchdog != null) {
                watchdog.close();
            }
            if (modem != null) {
                modem.close();
            }
            if (channel != null) {
                channel.close(); // closes the link too
            } else {
                try {
                    link.close();
                } catch (IOException e) {
                    LOG.debug("Modem {}: closing {} failed", settings.name(), link.uri(), e);
                }
            }
        }
    }
}
