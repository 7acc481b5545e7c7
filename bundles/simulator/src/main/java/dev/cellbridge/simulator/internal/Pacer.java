package dev.cellbridge.simulator.internal;

/**
 * Paces a byte stream like an 8N1 UART: 10 bit times per byte at the configured baud rate. One per direction. Idle
 * time is not banked: a byte never passes earlier than one byte time after the previous one.
 */
final class Pacer {
    private final long nanosPerByte;
    private final LineClock clock;
    private long nextFree;

    /** @param baud line rate; 0 means no pacing */
    Pacer(int baud, LineClock clock) {
        this.nanosPerByte = baud == 0 ? 0 : 10_000_000_000L / baud;
        this.clock = clock;
    }

    boolean active() {
        return nanosPerByte > 0;
    }

    /** Blocks until {@code bytes} more bytes may have passed the line. Called by one thread at a time. */
    synchronized void pace(int bytes) {
        if (nanosPerByte == 0) {
            return;
        }
        long now = clock.nanoTime();
        long start = Math.max(now, nextFree);
        nextFree = start + bytes * nanosPerByte;
        long wait = nextFree - now;
        while (wait > 0) {
            clock.parkNanos(wait);
            wait = nextFree - clock.nanoTime();
        }
    }
}
