package dev.cellbridge.cellular.internal;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link java.net.Socket} whose bytes ride a TCP socket of the module. Unmodified clients (Paho,
 * JSSE, HTTP clients) use it through {@link dev.cellbridge.cellular.ModemSocketFactory}.
 *
 * <p>The module has no half-close: {@link #shutdownOutput()} only refuses further writes (no FIN is
 * sent), and {@link #shutdownInput()} makes reads end. Options without a meaning on the module
 * (TCP_NODELAY, buffer sizes, linger) are accepted and ignored, as a client expects.
 */
public final class ModemTcpSocket extends Socket {

    private final Modem modem;
    private final int contextId;
    private final AccessMode accessMode;
    private volatile ModemSocket socket;
    private volatile InetSocketAddress remote;
    private volatile boolean closed;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private volatile int soTimeout;
    private InputStream input;
    private OutputStream output;

    /** An unconnected socket that will open on the context in this access mode. */
    public ModemTcpSocket(Modem modem, int contextId, AccessMode accessMode) throws SocketException {
        super((java.net.SocketImpl) null);
        this.modem = modem;
        this.contextId = contextId;
        this.accessMode = accessMode;
    }

    /** A connected socket over an already open module socket (an incoming connection). */
    public ModemTcpSocket(Modem modem, ModemSocket accepted) throws SocketException {
        this(modem, accepted.spec().contextId(), accepted.accessMode());
        attach(accepted, new InetSocketAddress(addressOf(accepted.spec().remoteHost()), accepted.spec().remotePort()));
    }

    private static InetAddress addressOf(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private void attach(ModemSocket opened, InetSocketAddress to) {
        socket = opened;
        remote = to;
        input = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (inputShutdown) {
                    return -1;
                }
                ensureOpen();
                return opened.input().read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return inputShutdown ? 0 : opened.input().available();
            }

            @Override
            public void close() throws IOException {
                ModemTcpSocket.this.close();
            }
        };
        output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ensureOpen();
                if (outputShutdown) {
                    throw new SocketException("socket output is shut down");
                }
                opened.output().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                opened.output().flush();
            }

            @Override
            public void close() throws IOException {
                ModemTcpSocket.this.close();
            }
        };
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    /**
     * Opens the module's TCP socket. An unresolved address ({@link InetSocketAddress#createUnresolved})
     * is resolved by the module's DNS; a timeout of 0 waits as long as the module may take (150 s).
     */
    @Override
    public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
        if (!(endpoint instanceof InetSocketAddress address)) {
            throw new IllegalArgumentException("only InetSocketAddress is supported: " + endpoint);
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("connect timeout must not be negative: " + timeoutMillis);
        }
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (socket != null) {
            throw new SocketException("already connected to " + remote);
        }
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        SocketSpec spec = SocketSpec.tcp(contextId, host, address.getPort()).withAccessMode(accessMode);
        CompletableFuture<ModemSocket> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return modem.open(spec);
            } catch (CellularException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "cellbridge-connect-" + host + ":" + address.getPort());
            t.setDaemon(true);
            t.start();
        });
        try {
            ModemSocket opened = timeoutMillis == 0 ? opening.get() : opening.get(timeoutMillis, TimeUnit.MILLISECONDS);
            attach(opened, address);
        } catch (TimeoutException e) {
            opening.thenAccept(late -> closeQuietly(late)); // opened after we gave up: close it
            throw new SocketTimeoutException("connect to " + address + " through the module timed out after "
                    + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(late -> closeQuietly(late));
            throw new InterruptedIOException("interrupted while connecting to " + address);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            java.net.ConnectException failure = new java.net.ConnectException("connect to " + address
                    + " through the module failed: " + cause.getMessage());
            failure.initCause(cause);
            throw failure;
        }
        if (soTimeout > 0) {
            socket.setReadTimeout(Duration.ofMillis(soTimeout));
        }
    }

    private static void closeQuietly(ModemSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // it was never handed out
        }
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (socket == null) {
            throw new SocketException("socket is not connected");
        }
    }

    /** The module socket under this one (null before connect). */
    public ModemSocket modemSocket() {
        return socket;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        ensureOpen();
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        ensureOpen();
        return output;
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        soTimeout = timeout;
        ModemSocket s = socket;
        if (s != null) {
            s.setReadTimeout(Duration.ofMillis(timeout));
        }
    }

    @Override
    public synchronized int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public void shutdownInput() throws IOException {
        ensureOpen();
        inputShutdown = true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        outputShutdown = true;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ModemSocket s = socket;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean isConnected() {
        return socket != null;
    }

    @Override
    public boolean isBound() {
        return socket != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public InetAddress getInetAddress() {
        InetSocketAddress r = remote;
        return r == null || r.isUnresolved() ? null : r.getAddress();
    }

    @Override
    public int getPort() {
        InetSocketAddress r = remote;
        return r == null ? 0 : r.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return remote;
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
        ModemSocket s = socket;
        return s == null ? -1 : s.spec().localPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket == null ? null : new InetSocketAddress(getLocalAddress(), getLocalPort());
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        throw new SocketException("binding a local address is not supported by the module's TCP client");
    }

    @Override
    public SocketChannel getChannel() {
        return null;
    }

    // Options without a meaning on the module: accepted, so that ordinary clients run unchanged.
    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    @Override
    public void setSendBufferSize(int size) {
    }

    @Override
    public int getSendBufferSize() {
        return 1460;
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public int getReceiveBufferSize() {
        return 1500;
    }

    @Override
    public void setReuseAddress(boolean on) {
    }

    @Override
    public boolean getReuseAddress() {
        return false;
    }

    @Override
    public void setOOBInline(boolean on) {
    }

    @Override
    public boolean getOOBInline() {
        return false;
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("urgent data is not supported by the module");
    }

    @Override
    public void setTrafficClass(int tc) {
    }

    @Override
    public int getTrafficClass() {
        return 0;
    }

    @Override
    public String toString() {
        ModemSocket s = socket;
        return "ModemTcpSocket[" + (s == null ? "unconnected" : "connectID " + s.connectId() + " to " + remote)
                + (closed ? ", closed" : "") + "]";
    }
}
