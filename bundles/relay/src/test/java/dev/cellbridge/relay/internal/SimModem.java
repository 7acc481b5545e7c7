package dev.cellbridge.relay.internal;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulator with the seed's remote server routed to a loopback TCP echo, an AT channel and a modem with context 1
 * active; closed in reverse order.
 */
final class SimModem implements AutoCloseable {

    static final String REMOTE = "220.180.239.212";
    static final int REMOTE_PORT = 8009;

    final Echo echo;
    final Simulator sim;
    final AtChannel channel;
    final Modem modem;

    SimModem(String name, String... moreRoutes) throws IOException {
        echo = new Echo();
        SimulatorOptions.Builder b = SimulatorOptions.builder().tcpPort(0).guardMs(100)
                .route(REMOTE + ":" + REMOTE_PORT + "=127.0.0.1:" + echo.port());
        for (String r : moreRoutes) {
            b.route(r);
        }
        sim = Simulator.start(b.build());
        AtChannel ch = null;
        try {
            ch = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                    AtChannelOptions.defaults().withName(name));
            channel = ch;
            modem = Modem.open(ch, ModemOptions.defaults().withName(name));
            modem.initialize(Modem.RECOMMENDED_INIT);
            modem.configureContext(PdpContextConfig.ipv4(1, "UNINET"));
            modem.activate(1);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            sim.close();
            echo.close();
            throw e;
        }
    }

    @Override
    public void close() {
        modem.close();
        channel.close();
        sim.close();
        echo.close();
    }

    /** A loopback TCP echo server with named threads. */
    static final class Echo implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        Echo() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            acceptor = new Thread(this::accept, "test-echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<Socket> connections() {
            return connections;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.add(s);
                    Thread t = new Thread(() -> echo(s), "test-echo-" + s.getPort());
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket s) {
            byte[] buf = new byte[8192];
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // ended
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket s : connections) {
                    s.close();
                }
                acceptor.join(5000);
                for (Thread t : threads) {
                    t.join(5000);
                }
            } catch (IOException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
