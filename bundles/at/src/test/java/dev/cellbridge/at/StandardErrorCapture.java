package dev.cellbridge.at;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to {@code System.err} (where the tests' SLF4J simple logger writes) while open, so that
 * a test can read the log lines its code produced. Restores the previous stream on close.
 */
final class StandardErrorCapture implements AutoCloseable {

    private final PrintStream previous = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    StandardErrorCapture() {
        System.setErr(new PrintStream(new TeeStream(previous, copy), true, StandardCharsets.UTF_8));
    }

    /** Everything written so far. */
    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(previous);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream first;
        private final ByteArrayOutputStream second;

        TeeStream(PrintStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
