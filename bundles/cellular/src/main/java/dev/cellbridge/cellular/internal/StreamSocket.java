package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A TCP client or an incoming connection of a TCP LISTENER: a byte stream both ways.
 *
 * <p>{@link #input()} ends (-1) when the peer closed the connection, after every byte received before
 * that; it throws when the context was deactivated or the link or modem went away (also after the bytes
 * received before), and at once after {@link #close()}. Reads wait without limit unless
 * {@link #setReadTimeout} set one.
 */
final class StreamSocket extends DataSocket {

    /** Unread bytes above which reading from the module pauses (buffer mode) or the link pauses (transparent). */
    static final int INPUT_CAPACITY = 256 * 1024;
    /** Direct push cannot be paused: past this many unread bytes the input fails rather than grow further. */
    static final long PUSH_LIMIT = 16L * 1024 * 1024;

    private final ReceiveBuffer received;
    private volatile long readTimeoutMillis;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    StreamSocket(SocketRegistry registry, int id, SocketSpec spec, ServiceType type, Phase phase) {
        super(registry, id, spec, type, phase);
        this.received = new ReceiveBuffer(INPUT_CAPACITY, PUSH_LIMIT, this::scheduleDrain);
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
    public void setReadTimeout(Duration timeout) {
        requirePositive("read timeout", timeout);
        readTimeoutMillis = timeout.toMillis();
    }

    // ---- input ----

    @Override
    ReceivedInput received() {
        return received;
    }

    @Override
    void deliverRead(ResponseLine line) {
        received.append(line.payload());
    }

    @Override
    void deliverPushed(byte[] data, String ip, int port) {
        received.append(data);
    }

    @Override
    boolean deliverTransparent(byte[] data, BooleanSupplier keepWaiting) throws InterruptedException {
        return received.appendWhileRoom(data, keepWaiting);
    }

    @Override
    String readCommand() {
        return "AT+QIRD=" + id + "," + options.readChunk();
    }

    private final class Input extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return received.read(b, off, len, readTimeoutMillis);
        }

        @Override
        public int available() throws IOException {
            return received.available();
        }

        /** Closing the stream closes the socket, as for {@link java.net.Socket#getInputStream()}. */
        @Override
        public void close() throws IOException {
            StreamSocket.this.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len > 0) {
                sendBytes(b, off, len, "");
            }
        }

        /** Closing the stream closes the socket, as for {@link java.net.Socket#getOutputStream()}. */
        @Override
        public void close() throws IOException {
            StreamSocket.this.close();
        }
    }
}
