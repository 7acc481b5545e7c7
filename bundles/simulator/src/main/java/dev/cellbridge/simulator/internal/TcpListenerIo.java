package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP LISTENER bound on loopback: an accept thread hands each client to the modem. */
final class TcpListenerIo implements NetIo {
    final ServerSocket server;
    private final Modem modem;
    private final Connection connection;
    private final Thread acceptor;
    private volatile boolean closed;

    TcpListenerIo(Modem modem, Connection connection, ServerSocket server) {
        this.modem = modem;
        this.connection = connection;
        this.server = server;
        this.acceptor = Io.daemon("listen-" + connection.id, this::acceptLoop);
    }

    @Override
    public void start() {
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                modem.onIncoming(connection, s);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Io.closeQuietly(server);
    }

    @Override
    public void join(long millis) throws InterruptedException {
        acceptor.join(millis);
    }

    @Override
    public int localPort() {
        return server.getLocalPort();
    }
}
