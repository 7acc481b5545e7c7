package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.LinkUri;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinkException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A raw TCP byte stream to a serial server (ser2net) or the simulator. No DTR, no DCD. */
final class TcpLink implements ProviderLink {

    private final String uri;
    private final String port;
    private final Socket socket;
    private final LinkState state;
    private final InputStream input;
    private final OutputStream output;

    private TcpLink(String uri, String port, Socket socket) throws IOException {
        this.uri = uri;
        this.port = port;
        this.socket = socket;
        this.state = new LinkState(port);
        this.input = new TcpInputStream(socket.getInputStream());
        this.output = new TcpOutputStream(socket.getOutputStream());
    }

    static TcpLink connect(LinkUri.Tcp target, String uri, Cancellation cancellation) throws SerialLinkException {
        String port = target.toUri().replaceFirst("\\?.*$", "");
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new SerialLinkException(port, Reason.UNREACHABLE, "unknown host '" + target.host() + "'");
        }
        Socket socket = new Socket();
        cancellation.onCancel(socket);
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(address, target.connectTimeoutMs());
            return new TcpLink(uri, port, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw connectFailure(port, target, e, cancellation.isCancelled());
        } finally {
            cancellation.done();
        }
    }

    private static SerialLinkException connectFailure(String port, LinkUri.Tcp target, IOException e, boolean cancelled) {
        if (cancelled) {
            return new SerialLinkException(port, Reason.OTHER, "connect cancelled", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new SerialLinkException(port, Reason.UNREACHABLE,
                    "no answer within the connect timeout of " + target.connectTimeoutMs() + " ms", e);
        }
        if (e instanceof UnknownHostException) {
            return new SerialLinkException(port, Reason.UNREACHABLE, "unknown host '" + target.host() + "'", e);
        }
        if (e instanceof NoRouteToHostException) {
            return new SerialLinkException(port, Reason.UNREACHABLE, "no route to host", e);
        }
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
            return new SerialLinkException(port, Reason.CONNECTION_REFUSED,
                    "connection refused (nothing listens on port " + target.port() + ")", e);
        }
        return new SerialLinkException(port, Reason.UNREACHABLE, "cannot connect (" + e.getMessage() + ")", e);
    }

    @Override
    public String uri() {
        return uri;
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
        return false;
    }

    @Override
    public void setDtr(boolean asserted) {
        throw new UnsupportedOperationException(port + ": a TCP link has no DTR line");
    }

    @Override
    public Optional<Boolean> dcd() {
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return state.isOpen();
    }

    /** A TCP peer's disappearance shows only when reading or writing. */
    @Override
    public Optional<String> problem() {
        return state.problem();
    }

    @Override
    public void close() {
        if (state.markClosed()) {
            closeQuietly(socket); // wakes a blocked reader: it sees a SocketException, reported as end of stream
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "tcp link " + uri;
    }

    private SerialLinkException lost(String what, IOException e) {
        SerialLinkException failure = state.markBroken(what + " (" + e.getMessage() + ")", e);
        closeQuietly(socket);
        return failure;
    }

    /** Ends the stream after close; turns a reset into a broken link. */
    private final class TcpInputStream extends InputStream {
        private final InputStream in;
        private final byte[] single = new byte[1];
        private volatile boolean endOfStream;

        TcpInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (state.isClosed() || endOfStream) {
                return -1;
            }
            if (state.broken() != null) {
                throw state.broken();
            }
            if (length == 0) {
                return 0;
            }
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                if (state.isClosed()) {
                    return -1;
                }
                throw lost("connection lost while reading", e);
            }
            if (n < 0) {
                endOfStream = true;
                state.markBroken("the peer closed the connection", null);
                closeQuietly(socket);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return state.isOpen() ? in.available() : 0;
        }

        @Override
        public void close() {
            TcpLink.this.close();
        }
    }

    /** Reports writes after close or failure as {@link SerialLinkException}s naming the port. */
    private final class TcpOutputStream extends OutputStream {
        private final OutputStream out;

        TcpOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (!state.isOpen()) {
                throw state.notOpen();
            }
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                if (state.isClosed()) {
                    throw new SerialLinkException(port, Reason.OTHER, "link closed while writing", e);
                }
                throw lost("connection lost while writing", e);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!state.isOpen()) {
                throw state.notOpen();
            }
            out.flush();
        }

        @Override
        public void close() {
            TcpLink.this.close();
        }
    }
}
