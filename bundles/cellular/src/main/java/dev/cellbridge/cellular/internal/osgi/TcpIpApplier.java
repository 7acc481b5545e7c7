package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.TcpIpOptions;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the options in force applied to the current modem: applies them when they change and when a modem
 * appears, on the given executor (never on the caller's thread: fourteen commands may take a while on a slow
 * module). Only the newest (modem, options) pair is applied; requests made meanwhile collapse into one. The
 * listener is called without this object's lock held (it publishes service properties, which read
 * {@link #appliedTo()} again under the registration's lock).
 */
final class TcpIpApplier {

    private static final Logger LOG = LoggerFactory.getLogger(TcpIpApplier.class);

    private final Executor executor;
    private final Consumer<String> appliedTo;
    private TcpIpOptions options;
    private Modem modem;
    private String modemName = "";
    private boolean queued;
    private volatile String applied = "";

    /**
     * @param executor  where the commands are sent
     * @param appliedTo told the {@code modem.name} that has the options in force after each change ("" for none)
     */
    TcpIpApplier(Executor executor, Consumer<String> appliedTo) {
        this.executor = executor;
        this.appliedTo = appliedTo;
    }

    /** New options in force. */
    synchronized void options(TcpIpOptions next) {
        options = next;
        request();
    }

    synchronized TcpIpOptions options() {
        return options;
    }

    /** A modem to apply the options to (replaces the previous one). */
    synchronized void modemAvailable(Modem next, String name) {
        modem = next;
        modemName = name;
        request();
    }

    /** The modem is gone (if it is the current one). */
    void modemGone(Modem gone) {
        synchronized (this) {
            if (modem != gone) {
                return;
            }
            modem = null;
            modemName = "";
        }
        report(null, null, "");
    }

    /** The {@code modem.name} of the modem that has the options in force, "" for none. */
    String appliedTo() {
        return applied;
    }

    private void request() {
        if (options != null && modem != null && !queued) {
            queued = true;
            executor.execute(this::apply);
        }
    }

    private void apply() {
        Modem target;
        TcpIpOptions next;
        String name;
        synchronized (this) {
            queued = false;
            target = modem;
            next = options;
            name = modemName;
            if (target == null || next == null) {
                return;
            }
        }
        report(null, null, "");
        try {
            target.configure(next);
            LOG.info("TCP/IP options applied to modem {}", name);
            report(target, next, name);
        } catch (IOException | RuntimeException e) {
            LOG.error("TCP/IP options could not be applied to modem {}: {}", name, e.getMessage());
        }
    }

    /**
     * Records who has the options in force and tells the listener (outside the lock) when that changed; with a
     * modem and options given, only while they are still the current ones.
     */
    private void report(Modem target, TcpIpOptions with, String name) {
        synchronized (this) {
            if (target != null && (modem != target || options != with) || name.equals(applied)) {
                return;
            }
            applied = name;
        }
        appliedTo.accept(name);
    }
}
