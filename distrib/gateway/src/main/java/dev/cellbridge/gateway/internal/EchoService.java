package dev.cellbridge.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP echo service on a free loopback port: what the embedded simulator's virtual server stands for. Each
 * connection is echoed by a thread of its own until the peer closes it or the service stops; {@link #close()} ends
 * every thread.
 */
final class EchoService implements AutoCloseable {

    /** Most connections served at once; more are refused (closed at once). */
    static final int MAX_CONNECTIONS = 16;

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private EchoService(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "cellbridge-gateway-echo");
        this.acceptor.setDaemon(true);
    }

    /** Starts the service on 127.0.0.1 and a free port. */
    static EchoService start() throws IOException {
        EchoService service = new EchoService(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        service.acceptor.start();
        return service;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        int count = 0;
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread echo = new Thread(() -> echo(socket), "cellbridge-gateway-echo-" + (++count));
            echo.setDaemon(true);
            echo.start();
        }
    }

    private void echo(Socket socket) {
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the peer reset the connection or the service stopped
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        connections.forEach(EchoService::closeQuietly);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
