package dev.cellbridge.cli.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback TCP echo server on a free port; {@link #dropConnections()} closes the connections it holds. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    EchoServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "test-echo-accept");
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections were accepted so far. */
    int accepted() {
        return acceptedCount;
    }

    private volatile int acceptedCount;

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                acceptedCount++;
                Thread echo = new Thread(() -> echo(socket), "test-echo-" + acceptedCount);
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // dropped by the test or closed by the peer
        }
    }

    void dropConnections() throws IOException {
        for (Socket socket : connections) {
            socket.close();
        }
        connections.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
