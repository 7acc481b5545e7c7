package dev.cellbridge.at;

import dev.cellbridge.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A link whose far end is the test: {@link #feed} queues chunks that the channel's reader gets
 * one read at a time (so a test controls exactly where the stream is split), and everything the
 * channel writes is recorded for {@link #awaitWritten}.
 */
final class FakeLink implements SerialLink {

    private static final byte[] EOF = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<byte[]> writes = new ArrayList<>();
    /** The name of the thread of each write. */
    private final List<String> writers = new ArrayList<>();
    private final List<Boolean> dtrChanges = new ArrayList<>();
    private volatile boolean open = true;
    private volatile IOException readFailure;
    private int consumed;

    private final InputStream input = new InputStream() {
        private byte[] current;
        private int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (current == null || pos == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                pos = 0;
                if (current == EOF) {
                    chunks.add(EOF);
                    if (readFailure != null) {
                        throw readFailure;
                    }
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    };

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!open) {
                throw new IOException("fake link closed");
            }
            synchronized (FakeLink.this) {
                written.write(b, off, len);
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
                writers.add(Thread.currentThread().getName());
                FakeLink.this.notifyAll();
            }
        }
    };

    /** Queues bytes for the channel, as one read. */
    void feed(byte[] bytes) {
        chunks.add(bytes.clone());
    }

    void feed(String text) {
        feed(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Queues bytes split into chunks at the given offsets. */
    void feedSplit(byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            feed(java.util.Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        feed(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /** Queues bytes one byte per read. */
    void feedBytewise(byte[] bytes) {
        for (byte b : bytes) {
            feed(new byte[] {b});
        }
    }

    /** The link ends: the reader sees end of stream (or the failure). */
    void hangUp(IOException failure) {
        readFailure = failure;
        chunks.add(EOF);
    }

    /**
     * Waits until the channel has written these bytes after everything already awaited, and
     * consumes them. Fails the test if other bytes come first or nothing comes within the bound.
     */
    synchronized void awaitWritten(byte[] expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (written.size() - consumed < expected.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("channel did not write " + show(expected) + "; pending: "
                        + show(pendingBytes()));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        byte[] got = java.util.Arrays.copyOfRange(written.toByteArray(), consumed, consumed + expected.length);
        if (!java.util.Arrays.equals(got, expected)) {
            throw new AssertionError("expected the channel to write " + show(expected) + " but it wrote " + show(got));
        }
        consumed += expected.length;
    }

    void awaitWritten(String text) throws InterruptedException {
        awaitWritten(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Bytes written but not yet awaited. */
    synchronized byte[] pendingBytes() {
        return java.util.Arrays.copyOfRange(written.toByteArray(), consumed, written.size());
    }

    /** Waits a little and asserts the channel wrote nothing more (used where silence is the behaviour). */
    synchronized void assertNothingWrittenWithin(Duration d) throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, deadline - System.nanoTime()));
        }
        if (written.size() != consumed) {
            throw new AssertionError("channel wrote unexpectedly: " + show(pendingBytes()));
        }
    }

    synchronized List<byte[]> writes() {
        return new ArrayList<>(writes);
    }

    /** The thread that wrote the first write equal to {@code bytes}. */
    synchronized String writerOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < writes.size(); i++) {
            if (java.util.Arrays.equals(writes.get(i), bytes)) {
                return writers.get(i);
            }
        }
        throw new AssertionError("no write of " + show(bytes));
    }

    synchronized List<Boolean> dtrChanges() {
        return new ArrayList<>(dtrChanges);
    }

    static String show(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String uri() {
        return "fake://test";
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public boolean hasDtr() {
        return true;
    }

    @Override
    public synchronized void setDtr(boolean asserted) {
        dtrChanges.add(asserted);
        notifyAll();
    }

    @Override
    public Optional<Boolean> dcd() {
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            chunks.add(EOF);
        }
    }
}
