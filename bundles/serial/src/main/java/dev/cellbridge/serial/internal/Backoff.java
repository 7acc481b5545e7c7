package dev.cellbridge.serial.internal;

/**
 * Capped exponential reopen delays: {@code initialMs}, then doubling up to {@code maxMs}.
 *
 * @param initialMs first delay, at least 1
 * @param maxMs cap, at least {@code initialMs}
 */
record Backoff(long initialMs, long maxMs) {

    Backoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("bad backoff " + initialMs + ".." + maxMs + " ms");
        }
    }

    /** The delay after {@code currentMs}. */
    long next(long currentMs) {
        return currentMs >= maxMs / 2 ? maxMs : Math.max(initialMs, currentMs * 2);
    }
}
