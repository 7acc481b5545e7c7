package dev.cellbridge.cellular.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The bytes a stream socket received and the application has not read yet, and how the stream ends.
 *
 * <p>{@link #append} never blocks: it is called on the AT channel's dispatcher thread (direct push), where
 * waiting is forbidden. Flow control comes from the callers: buffer-mode reads stop while
 * {@link #hasRoom()} is false (the data waits in the module), and the transparent-mode pump uses
 * {@link #appendWhileRoom}. Direct push cannot be paused; past {@link #hardLimit} the stream fails loudly
 * instead of growing without bound.
 *
 * <p>An end ({@link #finish()} or {@link #fail}) is seen by the reader after every byte received before it;
 * {@link #abort} ends the stream at once (the application closed the socket).
 */
final class ReceiveBuffer extends ReceivedInput {

    private final int capacity;
    private final long hardLimit;
    private final Runnable onSpace;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long size;

    /**
     * @param capacity  above this many unread bytes {@link #hasRoom()} is false
     * @param hardLimit above this many unread bytes pushed data fails the stream
     * @param onSpace   run (outside the lock) when a read brought the buffer below half its capacity
     */
    ReceiveBuffer(int capacity, long hardLimit, Runnable onSpace) {
        this.capacity = capacity;
        this.hardLimit = hardLimit;
        this.onSpace = onSpace;
    }

    @Override
    synchronized boolean hasRoom() {
        return size < capacity;
    }

    @Override
    void discard() {
        chunks.clear();
        headOffset = 0;
        size = 0;
    }

    /** Adds received bytes; never blocks. Ignored once the stream has ended. */
    synchronized void append(byte[] data) {
        if (data.length == 0 || isEnded()) {
            return;
        }
        if (size + data.length > hardLimit) {
            discard();
            fail(new IOException("receive buffer overflow: more than " + hardLimit
                    + " unread bytes were pushed by the module while the application did not read; "
                    + "use buffer access mode for flow control"));
            return;
        }
        chunks.add(data);
        size += data.length;
        notifyAll();
    }

    /**
     * Adds bytes, first waiting while the buffer is full and {@code keepWaiting} says so (transparent mode:
     * waiting pauses the link). Returns false when the stream ended meanwhile.
     */
    synchronized boolean appendWhileRoom(byte[] data, BooleanSupplier keepWaiting) throws InterruptedException {
        while (size >= capacity && !isEnded() && keepWaiting.getAsBoolean()) {
            wait(100); // re-check keepWaiting: the session may end while the application is not reading
        }
        if (isEnded()) {
            return false;
        }
        chunks.add(data);
        size += data.length;
        notifyAll();
        return true;
    }

    synchronized int available() throws IOException {
        throwIfAborted();
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * Reads at least one byte, waiting up to {@code timeoutMillis} (0 = forever).
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    int read(byte[] b, int off, int len, long timeoutMillis) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        boolean space;
        synchronized (this) {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
            while (size == 0) {
                if (endedWhenEmpty()) {
                    return -1;
                }
                try {
                    if (deadline == 0) {
                        wait();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("no data within " + timeoutMillis + " ms");
                        }
                        wait(Math.max(1, left / 1_000_000L));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading");
                }
            }
            throwIfAborted();
            n = 0;
            while (n < len && !chunks.isEmpty()) {
                byte[] head = chunks.peek();
                int take = Math.min(len - n, head.length - headOffset);
                System.arraycopy(head, headOffset, b, off + n, take);
                n += take;
                headOffset += take;
                if (headOffset == head.length) {
                    chunks.poll();
                    headOffset = 0;
                }
            }
            long before = size;
            size -= n;
            space = before >= capacity / 2 && size < capacity / 2;
            notifyAll();
        }
        if (space) {
            onSpace.run();
        }
        return n;
    }
}
