package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified Java clients over the module, through the simulator and real loopback peers: an HTTP
 * GET to a JDK HttpServer, JSSE TLS to a TLS echo server, a ServerSocket over TCP LISTENER, datagrams
 * over UDP SERVICE. (Paho MQTT to a real Mosquitto: {@link PahoOverModemTest}.)
 */
class NetFacadesTest {

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** A simulator routing 220.180.239.212:8009 to the given loopback port, and a modem with context 1 active. */
    private Modem modemRoutingTo(int port, SimulatorOptions.Builder extra) throws Exception {
        Simulator sim = Simulator.start(extra.tcpPort(0).route("220.180.239.212:8009=127.0.0.1:" + port)
                .dns("peer.example", "220.180.239.212").build());
        cleanup.add(sim);
        AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                AtChannelOptions.defaults().withName("net"));
        cleanup.add(channel);
        Modem modem = Modem.open(channel, ModemOptions.defaults().withName("net"));
        cleanup.add(modem);
        modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
        modem.activate(1);
        return modem;
    }

    @Test
    void httpGetToAJdkHttpServer() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hello", exchange -> {
            byte[] body = "hello over the module".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        cleanup.add(() -> http.stop(0));
        Modem modem = modemRoutingTo(http.getAddress().getPort(), SimulatorOptions.builder());

        // the host name is resolved by the module's DNS (the simulator's table), not the gateway's
        try (Socket s = new ModemSocketFactory(modem, 1).createSocket("peer.example", 8009)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: peer.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nhello over the module");
        }
    }

    @Test
    void jsseTlsOverAModuleSocket(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedContext(dir);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(server);
        Thread echo = new Thread(() -> {
            try (Socket peer = server.accept(); InputStream in = peer.getInputStream(); OutputStream out = peer.getOutputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the test is over
            }
        }, "test-tls-echo");
        echo.setDaemon(true);
        echo.start();
        Modem modem = modemRoutingTo(server.getLocalPort(), SimulatorOptions.builder());

        Socket plain = new ModemSocketFactory(modem, 1, AccessMode.BUFFER).createSocket();
        plain.connect(new InetSocketAddress(InetAddress.getByName("220.180.239.212"), 8009), 10_000);
        try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", 8009, true)) {
            secure.setSoTimeout(10_000);
            secure.startHandshake();
            assertThat(secure.getSession().getProtocol()).startsWith("TLS");
            byte[] message = new byte[20_000];
            new Random(7).nextBytes(message);
            secure.getOutputStream().write(message);
            secure.getOutputStream().flush();
            byte[] back = secure.getInputStream().readNBytes(message.length);
            assertThat(back).isEqualTo(message);
        }
    }

    /** A key pair made by the JDK's keytool for this test, trusted by the same context. */
    private static SSLContext selfSignedContext(Path dir) throws Exception {
        Path store = dir.resolve("test.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void serverSocketOverTcpListener() throws Exception {
        int port = freePort();
        Modem modem = modemRoutingTo(1, SimulatorOptions.builder().listenOffset(0));
        try (ModemServerSocket server = new ModemServerSocket(modem, 1, port)) {
            server.setSoTimeout(100);
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
            server.setSoTimeout(10_000);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.setSoTimeout(10_000);
                try (Socket accepted = server.accept()) {
                    accepted.setSoTimeout(10_000);
                    client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                    assertThat(accepted.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
                    accepted.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                    assertThat(client.getInputStream().readNBytes(4)).isEqualTo("pong".getBytes(StandardCharsets.US_ASCII));
                    assertThat(accepted.getPort()).isEqualTo(client.getLocalPort());
                }
            }
        }
    }

    @Test
    void datagramsOverUdpService() throws Exception {
        int port = freePort();
        Modem modem = modemRoutingTo(1, SimulatorOptions.builder().listenOffset(0));
        try (ModemDatagramSocket service = new ModemDatagramSocket(modem, 1, port);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(10_000);
            service.setSoTimeout(10_000);
            byte[] one = "first datagram".getBytes(StandardCharsets.US_ASCII);
            byte[] two = "second".getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(one, one.length, InetAddress.getLoopbackAddress(), port));
            peer.send(new DatagramPacket(two, two.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket got = new DatagramPacket(new byte[1500], 1500);
            service.receive(got);
            assertThat(new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII)).isEqualTo("first datagram");
            assertThat(got.getPort()).isEqualTo(peer.getLocalPort());
            service.receive(got);
            assertThat(new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII)).isEqualTo("second");

            byte[] reply = "reply".getBytes(StandardCharsets.US_ASCII);
            service.send(new DatagramPacket(reply, reply.length, InetAddress.getLoopbackAddress(), peer.getLocalPort()));
            DatagramPacket back = new DatagramPacket(new byte[100], 100);
            peer.receive(back);
            assertThat(new String(back.getData(), 0, back.getLength(), StandardCharsets.US_ASCII)).isEqualTo("reply");

            service.setSoTimeout(100);
            assertThatThrownBy(() -> service.receive(got)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void connectFailuresAndMisuseAreClear() throws Exception {
        int closedPort = freePort();
        Modem modem = modemRoutingTo(closedPort, SimulatorOptions.builder());
        Socket s = new ModemSocketFactory(modem, 1).createSocket();
        assertThatThrownBy(() -> s.getInputStream()).hasMessageContaining("not connected");
        assertThatThrownBy(() -> s.connect(new InetSocketAddress(InetAddress.getByName("220.180.239.212"), 8009)))
                .isInstanceOf(java.net.ConnectException.class).hasMessageContaining("220.180.239.212")
                .hasMessageContaining("566");
        assertThatThrownBy(() -> new ModemSocketFactory(modem, 0)).hasMessageContaining("contextID 0");
    }
}
