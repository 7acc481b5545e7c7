package dev.cellbridge.at.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded buffer between the reader thread and a transparent-mode consumer.
 *
 * <p>The writer blocks while the buffer is full, which pauses reading from the link (backpressure
 * instead of unbounded memory). The framer may <em>hold</em> a few bytes that could be the start of
 * {@code \r\nNO CARRIER\r\n}: they are either released as data or discarded when the match
 * completes. A consumer that finds only held bytes waits {@link #HOLD_NANOS} and then takes them,
 * so a trailing CR LF in the data is delayed, never kept.
 */
final class DataPipe {

    static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final byte[] ring;
    private int head;
    private int size;
    private final byte[] held = new byte[32];
    private int heldLength;
    private long heldSince;
    private boolean writeClosed;
    private boolean readClosed;
    private boolean dropWhenFull;
    private long dropped;

    private final InputStream input = new PipeInput();

    DataPipe(int capacity) {
        ring = new byte[capacity];
    }

    InputStream input() {
        return input;
    }

    /**
     * Appends data, blocking while full (backpressure to the link). Drops it once the consumer closed
     * its stream or the pipe was closed, and, after {@link #dropWhenFull()}, instead of blocking.
     */
    void write(byte[] b, int off, int len) {
        lock.lock();
        try {
            while (len > 0) {
                while (size == ring.length && !readClosed && !writeClosed && !dropWhenFull) {
                    changed.awaitUninterruptibly();
                }
                if (readClosed || writeClosed) {
                    return;
                }
                if (size == ring.length) {
                    dropped += len;
                    return;
                }
                int tail = (head + size) % ring.length;
                int n = Math.min(len, Math.min(ring.length - size, ring.length - tail));
                System.arraycopy(b, off, ring, tail, n);
                size += n;
                off += n;
                len -= n;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void hold(byte b) {
        lock.lock();
        try {
            if (heldLength == 0) {
                heldSince = System.nanoTime();
            }
            if (heldLength < held.length) {
                held[heldLength++] = b;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The held bytes were data: make them readable. */
    void release() {
        byte[] bytes;
        lock.lock();
        try {
            bytes = java.util.Arrays.copyOf(held, heldLength);
            heldLength = 0;
        } finally {
            lock.unlock();
        }
        write(bytes, 0, bytes.length);
    }

    /** The held bytes were the end marker: forget them. */
    void discardHeld() {
        lock.lock();
        try {
            heldLength = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on a full buffer drops data instead of blocking the reader: used while leaving data
     * mode, when the reader must get through to the module's OK even if nobody reads the data.
     */
    void dropWhenFull() {
        lock.lock();
        try {
            dropWhenFull = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes dropped by {@link #dropWhenFull()}. */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** No more data: the consumer reads what is buffered, then end of stream. A blocked writer returns. */
    void closeWrite() {
        lock.lock();
        try {
            writeClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class PipeInput extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (size == 0) {
                    if (heldLength > 0) {
                        long waited = System.nanoTime() - heldSince;
                        if (waited >= HOLD_NANOS || writeClosed) {
                            takeHeld();
                            continue;
                        }
                        changed.awaitNanos(HOLD_NANOS - waited);
                        continue;
                    }
                    if (writeClosed || readClosed) {
                        return -1;
                    }
                    changed.await();
                }
                int n = Math.min(len, Math.min(size, ring.length - head));
                System.arraycopy(ring, head, b, off, n);
                head = (head + n) % ring.length;
                size -= n;
                changed.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading transparent-mode data");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return size;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                readClosed = true;
                size = 0;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Called with the lock held and the ring empty. */
        private void takeHeld() {
            System.arraycopy(held, 0, ring, 0, heldLength);
            head = 0;
            size = heldLength;
            heldLength = 0;
        }
    }
}
