package dev.cellbridge.cellular;

import dev.cellbridge.cellular.internal.ModemTcpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link ServerSocket} over the module's TCP LISTENER: {@link #accept()} returns the incoming
 * connections as sockets that ride the module. The module needs {@code AT+QCFG="nat",1} or {@code 2}
 * (router or bridge mode) to accept connections from the network (application note §2.3.7).
 */
public final class ModemServerSocket extends ServerSocket {

    private static final Duration FOREVER = Duration.ofDays(3650);

    private final Modem modem;
    private final int contextId;
    private final AccessMode accessMode;
    private final int maxClients;
    private volatile ModemSocket listener;
    private volatile boolean closed;
    private volatile int soTimeout;

    /** A listener on the module's local port, buffer access mode, up to 11 clients. */
    public ModemServerSocket(Modem modem, int contextId, int localPort) throws IOException {
        this(modem, contextId, localPort, AccessMode.BUFFER, 11);
    }

    /**
     * @param maxClients most connections at once, 0–11 ({@code TCP_client_maxnum})
     */
    public ModemServerSocket(Modem modem, int contextId, int localPort, AccessMode accessMode, int maxClients)
            throws IOException {
        super();
        this.modem = modem;
        this.contextId = contextId;
        this.accessMode = accessMode;
        this.maxClients = maxClients;
        bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        if (listener != null) {
            throw new SocketException("already bound to local port " + listener.spec().localPort());
        }
        if (!(endpoint instanceof InetSocketAddress address) || address.getPort() == 0) {
            throw new IllegalArgumentException("the module's TCP LISTENER needs a local port (1–65535): " + endpoint);
        }
        listener = modem.open(SocketSpec.tcpListener(contextId, address.getPort()).withAccessMode(accessMode)
                .withMaxClients(maxClients));
    }

    @Override
    public Socket accept() throws IOException {
        if (closed) {
            throw new SocketException("server socket is closed");
        }
        ModemSocket l = listener;
        if (l == null) {
            throw new SocketException("server socket is not bound");
        }
        int timeout = soTimeout;
        Optional<ModemSocket> incoming = l.accept(timeout == 0 ? FOREVER : Duration.ofMillis(timeout));
        if (incoming.isEmpty()) {
            throw new SocketTimeoutException("no incoming connection within " + timeout + " ms");
        }
        return new ModemTcpSocket(modem, incoming.get());
    }

    @Override
    public synchronized void setSoTimeout(int timeout) {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        soTimeout = timeout;
    }

    @Override
    public synchronized int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public int getLocalPort() {
        ModemSocket l = listener;
        return l == null ? -1 : l.spec().localPort();
    }

    @Override
    public boolean isBound() {
        return listener != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ModemSocket l = listener;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public String toString() {
        return "ModemServerSocket[local port " + getLocalPort() + (closed ? ", closed" : "") + "]";
    }
}
