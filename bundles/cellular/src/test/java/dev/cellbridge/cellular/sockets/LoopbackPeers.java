package dev.cellbridge.cellular.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Loopback peers for the sockets under test: a TCP echo server and a UDP echo, each with named threads. */
final class LoopbackPeers {

    private LoopbackPeers() {
    }

    /** Echoes every TCP connection back to its sender until closed. */
    static final class TcpEcho implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        TcpEcho() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            acceptor = new Thread(this::acceptLoop, "test-tcp-echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** Connections accepted so far. */
        List<Socket> connections() {
            return connections;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    connections.add(s);
                    Thread t = new Thread(() -> echo(s), "test-tcp-echo-" + s.getPort());
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket s) {
            byte[] buf = new byte[16 * 1024];
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the connection ended
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : connections) {
                s.close();
            }
            join(acceptor);
            for (Thread t : threads) {
                join(t);
            }
        }
    }

    /** Sends fixed bytes to each client that connects, then closes the connection. */
    static final class Talker implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;
        private final byte[] data;

        Talker(byte[] data) throws IOException {
            this.data = data;
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            thread = new Thread(this::loop, "test-tcp-talker");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void loop() {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(data);
                    out.flush();
                    s.shutdownOutput();
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            join(thread);
        }
    }

    /** Sends every datagram back to its sender until closed. */
    static final class UdpEcho implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;

        UdpEcho() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::loop, "test-udp-echo");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void loop() {
            byte[] buf = new byte[65535];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            socket.close();
            join(thread);
        }
    }

    /** A free loopback TCP port (bound and released; the test binds it again at once). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    /** A free loopback UDP port (bound and released). */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
