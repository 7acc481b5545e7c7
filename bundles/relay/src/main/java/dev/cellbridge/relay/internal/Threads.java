package dev.cellbridge.relay.internal;

/** Stopping the relay's own threads. */
final class Threads {

    /** How long a stopping component waits for one of its threads (each is told to stop first). */
    static final long JOIN_MS = 5000;

    private Threads() {
    }

    /**
     * Waits up to {@link #JOIN_MS} for a thread to end; returns at once for null or the calling thread (a thread that
     * stops its own owner). An interrupt is kept for the caller.
     */
    static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
