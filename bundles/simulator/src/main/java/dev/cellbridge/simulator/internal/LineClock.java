package dev.cellbridge.simulator.internal;

import java.util.concurrent.locks.LockSupport;

/** The time source and sleeper a {@link Pacer} waits with; tests substitute a virtual one. */
interface LineClock {
    /** The real clock. */
    LineClock SYSTEM = new LineClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** @return a monotonic time in nanoseconds */
    long nanoTime();

    /** Sleeps about this long (may return early; the pacer checks the time again). */
    void parkNanos(long nanos);
}
