package dev.cellbridge.simulator.internal;

import java.util.concurrent.locks.LockSupport;

/** The time source and sleeper a {@link Pacer} waits with; tests substitute a virtual one. */
interface LineClock {
    /**
     * The real clock. A park oversleeps by the kernel's timer slack (about 50 µs on Linux, more on a busy machine),
     * which a paced line would add to every short answer's latency: the last stretch is spun instead.
     */
    LineClock SYSTEM = new LineClock() {
        private static final long SPIN_NANOS = 100_000;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            if (nanos > SPIN_NANOS) {
                LockSupport.parkNanos(nanos - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    };

    /** @return a monotonic time in nanoseconds */
    long nanoTime();

    /** Sleeps about this long (may return early, even at once; the pacer checks the time again). */
    void parkNanos(long nanos);
}
