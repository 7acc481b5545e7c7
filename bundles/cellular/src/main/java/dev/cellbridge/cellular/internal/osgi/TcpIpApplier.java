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
 * module). Only the newest (modem, options) pair is applied; requests made meanwhile collapse into one.
 */
final class TcpIpApplier {

    private static final Logger LOG = LoggerFactory.getLogger(TcpIpApplier.class);

    private final Executor executor;
    private final Consumer<String> appliedTo;
    private TcpIpOptions options;
    private Modem modem;
    private String modemName = "";
    private boolean queued;
    private String applied = "";

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
    synchronized void modemGone(Modem gone) {
        if (modem == gone) {
            modem = null;
            modemName = "";
            report("");
        }
    }

    /** The {@code modem.name} of the modem that has the options in force, "" for none. */
    synchronized String appliedTo() {
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
            report("");
        }
        try {
            target.configure(next);
            LOG.info("TCP/IP options applied to modem {}", name);
            synchronized (this) {
                if (modem == target && options == next) {
                    report(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("TCP/IP options could not be applied to modem {}: {}", name, e.getMessage());
        }
    }

    private void report(String name) {
        if (!name.equals(applied)) {
            applied = name;
            appliedTo.accept(name);
        }
    }
}
