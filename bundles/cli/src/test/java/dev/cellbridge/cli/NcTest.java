package dev.cellbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cellbridge nc} through the embedded simulator to real loopback peers. */
class NcTest {

    private record Run(int exit, byte[] out, String err) {
    }

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cellbridge.run(new ByteArrayInputStream(stdin), new PrintStream(out, true),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Echoes what it reads and closes once it has echoed {@code total} bytes. */
    private int echoThenClose(int total) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(server);
        Thread t = new Thread(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[8192];
                int done = 0;
                int n;
                while (done < total && (n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                }
            } catch (IOException e) {
                // the test fails on the data instead
            }
        }, "test-echo");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"buffer", "push", "transparent"})
    void tcpBytesGoThereAndBackExactly(String mode) throws Exception {
        byte[] data = new byte[64 * 1024];
        new Random(mode.hashCode()).nextBytes(data);
        int port = echoThenClose(data.length);
        Run r = run(data, "--port", "sim:?route=220.180.239.212:8009=127.0.0.1:" + port, "nc", "--mode", mode,
                "220.180.239.212", "8009");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(data);
    }

    @Test
    void udpDatagramsGoThereAndBack() throws Exception {
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        cleanup.add(peer);
        Thread t = new Thread(() -> {
            try {
                DatagramPacket p = new DatagramPacket(new byte[2000], 2000);
                peer.receive(p);
                peer.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (IOException e) {
                // the test fails on the data instead
            }
        }, "test-udp-echo");
        t.setDaemon(true);
        t.start();
        Run r = run("one datagram".getBytes(StandardCharsets.US_ASCII),
                "--port", "sim:?route=220.180.239.212:8009=127.0.0.1:" + peer.getLocalPort(), "nc", "--udp",
                "--quit-after", "2", "220.180.239.212", "8009");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new String(r.out(), StandardCharsets.US_ASCII)).isEqualTo("one datagram");
    }

    @Test
    void listenAcceptsOneConnection() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int listenPort = port;
        Thread client = new Thread(() -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listenPort)) {
                    s.getOutputStream().write("hi from a client".getBytes(StandardCharsets.US_ASCII));
                    return;
                } catch (IOException notYet) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "test-client");
        client.setDaemon(true);
        client.start();
        Run r = run(new byte[0], "--port", "sim:", "nc", "--listen", String.valueOf(port));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new String(r.out(), StandardCharsets.US_ASCII)).isEqualTo("hi from a client");
        assertThat(r.err()).contains("connection from 127.0.0.1:");
    }

    @Test
    void usageErrors() {
        assertThat(run(new byte[0], "--port", "sim:", "nc", "onlyhost").err()).contains("HOST and PORT are required");
        assertThat(run(new byte[0], "--port", "sim:", "nc", "--mode", "fast", "h", "1").err())
                .contains("--mode must be buffer, push or transparent");
        assertThat(run(new byte[0], "--port", "sim:", "nc", "h", "x").exit()).isEqualTo(Cellbridge.USAGE);
        assertThat(run(new byte[0], "--port", "sim:", "nc", "h", "70000").err()).contains("remote_port 70000");
    }

    @Test
    void aRefusedConnectionIsAModuleError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Run r = run(new byte[0], "--port", "sim:?route=220.180.239.212:8009=127.0.0.1:" + closedPort, "nc",
                "220.180.239.212", "8009");
        assertThat(r.exit()).isEqualTo(Cellbridge.MODULE_ERROR);
        assertThat(r.err()).contains("opening TCP 220.180.239.212:8009").contains("566");
    }
}
