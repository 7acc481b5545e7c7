package dev.cellbridge.simulator.internal;

/**
 * Paces a byte stream like an 8N1 UART: 10 bit times per byte at the configured baud rate. One per direction.
 *
 * <p>Bytes are scheduled against an absolute clock: a reservation puts them on the line right after the bytes
 * reserved before (or now, when the line is idle), and each slice of them is released when its last byte has
 * passed. So the time a sleep oversleeps, or the caller spends between slices, never adds up. Idle time is not
 * banked: the line never carries bytes faster than its rate to make up for a pause of the writer. The one thing
 * made up is the last wait's own lateness (bounded): the writer could only come back that late because the pacer
 * woke it late.
 */
final class Pacer {
    /** At most this much oversleeping is made up by the next reservation; beyond it the line counts as idle. */
    private static final long MAX_CREDIT_NANOS = 2_000_000;
    private final int baud;
    private final LineClock clock;
    private long lineFreeAt;
    private long credit;

    /** @param baud line rate; 0 means no pacing */
    Pacer(int baud, LineClock clock) {
        this.baud = baud;
        this.clock = clock;
    }

    boolean active() {
        return baud > 0;
    }

    /** @return the line time of this many bytes, in nanoseconds */
    long nanosFor(long bytes) {
        return baud == 0 ? 0 : bytes * 10_000_000_000L / baud; // not per byte: 921600 baud would lose a fraction
    }

    /**
     * Puts {@code bytes} on the line after everything reserved before.
     *
     * @return when the first of them starts to pass (their {@code i}-th byte has passed at
     *         {@code start + nanosFor(i + 1)})
     */
    synchronized long reserve(int bytes) {
        long now = clock.nanoTime();
        long start = Math.max(lineFreeAt, now - credit);
        credit = 0;
        lineFreeAt = start + nanosFor(bytes);
        return start;
    }

    /**
     * Puts {@code bytes} on the line after everything reserved before, or from {@code handedOver} if the line was
     * idle then: for a writer whose hand-over time is known (a transmit FIFO), so nothing needs making up.
     *
     * @return when the first of them starts to pass
     */
    synchronized long reserveFrom(long handedOver, int bytes) {
        long start = Math.max(lineFreeAt, handedOver);
        credit = 0;
        lineFreeAt = start + nanosFor(bytes);
        return start;
    }

    /**
     * Like {@link #reserveFrom}, but only if all {@code bytes} will have passed the line within {@code maxWaitNanos}
     * from now; otherwise reserves nothing.
     *
     * @return when the last of them has passed (possibly already), or -1 when nothing was reserved
     */
    synchronized long reserveWithin(long handedOver, int bytes, long maxWaitNanos) {
        long end = Math.max(lineFreeAt, handedOver) + nanosFor(bytes);
        if (end - clock.nanoTime() > maxWaitNanos) {
            return -1;
        }
        credit = 0;
        lineFreeAt = end;
        return end;
    }

    /** The last wait's lateness was made up elsewhere (an answer counted from the input's time): forgets it. */
    synchronized void dropCredit() {
        credit = 0;
    }

    /** @return the clock's time */
    long now() {
        return clock.nanoTime();
    }

    /** The line stalled (flow control held the writer): what was reserved and not yet passed is given back. */
    synchronized void stalled() {
        lineFreeAt = Math.min(lineFreeAt, clock.nanoTime());
        credit = 0;
    }

    /** Blocks until {@code deadline} (a {@link LineClock#nanoTime()} value); remembers how late it woke up. */
    void awaitUntil(long deadline) {
        awaitUntil(deadline, false);
    }

    /**
     * Blocks until {@code deadline}, oversleeping as little as the clock can when {@code precisely} (the other side
     * is waiting on what passes then); remembers how late it woke up.
     */
    void awaitUntil(long deadline, boolean precisely) {
        long now = clock.nanoTime();
        if (now >= deadline) {
            return; // the caller is behind the line: nothing was overslept here
        }
        while (now < deadline) {
            if (precisely) {
                clock.parkNanosPrecisely(deadline - now);
            } else {
                clock.parkNanos(deadline - now);
            }
            now = clock.nanoTime();
        }
        synchronized (this) {
            credit = Math.min(now - deadline, MAX_CREDIT_NANOS);
        }
    }

    /** Blocks until {@code bytes} more bytes may have passed the line. */
    void pace(int bytes) {
        if (!active()) {
            return;
        }
        long start = reserve(bytes);
        awaitUntil(start + nanosFor(bytes));
    }
}
