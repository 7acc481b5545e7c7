package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The link a component publishes as a service: it behaves like the link it wraps and tells the
 * component, once, when whoever uses it sees the link end (end of stream, an I/O error, or a
 * {@code close()} by a service user), so the component can withdraw the service and reopen.
 */
final class ObservedLink implements SerialLink {

    private final ProviderLink link;
    private final Consumer<String> onEnd;
    private final InputStream input;
    private final OutputStream output;
    private boolean reported;

    /** @param onEnd called once with the reason the link ended */
    ObservedLink(ProviderLink link, Consumer<String> onEnd) {
        this.link = link;
        this.onEnd = onEnd;
        this.input = new ObservedInput(link.input());
        this.output = new ObservedOutput(link.output());
    }

    private void ended(String reason) {
        synchronized (this) {
            if (reported) {
                return;
            }
            reported = true;
        }
        onEnd.accept(reason);
    }

    @Override
    public String uri() {
        return link.uri();
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
        return link.hasDtr();
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        try {
            link.setDtr(asserted);
        } catch (IOException e) {
            if (!link.isOpen()) {
                ended(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public Optional<Boolean> dcd() {
        return link.dcd();
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    /** Closes the port; the component withdraws the service and opens the port again after its reopen delay. */
    @Override
    public void close() throws IOException {
        link.close();
        ended("closed by a service user");
    }

    @Override
    public String toString() {
        return link.toString();
    }

    private final class ObservedInput extends FilterInputStream {
        private final byte[] single = new byte[1];

        ObservedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (InterruptedIOException e) {
                throw e; // the reader was interrupted; the link is fine
            } catch (IOException e) {
                ended(e.getMessage());
                throw e;
            }
            if (n < 0) {
                ended("end of stream");
            }
            return n;
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            return read(buffer, 0, buffer.length);
        }

        @Override
        public void close() throws IOException {
            ObservedLink.this.close();
        }
    }

    private final class ObservedOutput extends FilterOutputStream {
        ObservedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            try {
                out.write(buffer, offset, length);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                ended(e.getMessage());
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                ended(e.getMessage());
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            ObservedLink.this.close();
        }
    }
}
