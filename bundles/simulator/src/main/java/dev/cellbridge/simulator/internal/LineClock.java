package dev.cellbridge.simulator.internal;

import java.util.concurrent.locks.LockSupport;

/** The time source and sleeper a {@link Pacer} waits with; tests substitute a virtual one. */
interface LineClock {
    /**
     * The real clock. A park oversleeps by the kernel's timer slack and the thread's wake-up (50 to 100 µs here),
     * so a precise wait parks until shortly before its end and spins the rest.
     */
    LineClock SYSTEM = new LineClock() {
        /** Longer than a park's usual oversleep; short enough that spinning it costs little. */
        private static final long SPIN_NANOS = 150_000;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }

        @Override
        public void parkNanosPrecisely(long nanos) {
            long deadline = System.nanoTime() + nanos;
            if (nanos > SPIN_NANOS) {
                LockSupport.parkNanos(nanos - SPIN_NANOS);
            }
            while (System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
        }
    };

    /** @return a monotonic time in nanoseconds */
    long nanoTime();

    /** Sleeps about this long (may return early; the pacer checks the time again). */
    void parkNanos(long nanos);

    /**
     * Sleeps this long without oversleeping much, for a wait whose end the host is waiting on (the last byte of a
     * command, a payload or an answer): a module on a real UART reacts within microseconds.
     */
    default void parkNanosPrecisely(long nanos) {
        parkNanos(nanos);
    }
}
