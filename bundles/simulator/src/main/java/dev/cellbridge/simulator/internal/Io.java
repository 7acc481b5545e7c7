package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Small helpers shared by the simulator's sockets and threads. */
final class Io {
    private Io() {
    }

    /**
     * An unstarted daemon thread; every simulator thread is named {@code cellbridge-sim-*} and is ended by the
     * component that owns it.
     */
    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, "cellbridge-sim-" + name);
        t.setDaemon(true);
        return t;
    }

    /** A server socket on 127.0.0.1:port (0 = a free port). */
    static ServerSocket bindLoopback(int port, int backlog) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            return s;
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing more to do
        }
    }
}
