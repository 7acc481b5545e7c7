package dev.cellbridge.serial.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Lets another thread abort an open in progress (a TCP connect can take its whole timeout): the
 * opener registers what to close, {@link #cancel()} closes it.
 */
public final class Cancellation {

    private boolean cancelled;
    private Closeable pending;

    /** A cancellation nobody ever triggers (plain library use). */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Registers the resource an open in progress blocks on; closes it at once if already cancelled. */
    public void onCancel(Closeable resource) {
        boolean closeNow;
        synchronized (this) {
            pending = resource;
            closeNow = cancelled;
        }
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    /** Marks the open as finished: a later {@link #cancel()} leaves the resource alone. */
    public synchronized void done() {
        pending = null;
    }

    /** Aborts the open in progress, if any, and every later one. */
    public void cancel() {
        Closeable toClose;
        synchronized (this) {
            cancelled = true;
            toClose = pending;
            pending = null;
        }
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException e) {
            // the open being aborted reports the failure
        }
    }
}
