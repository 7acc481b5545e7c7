package dev.cellbridge.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.simulator.SimulatorOptions;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The command line: option parsing, usage errors, and LISTENING as the first line of a running simulator. */
class MainTest {

    @Test
    void parsesEveryOption() {
        SimulatorOptions o = CommandLine.parse(new String[] {"--tcp", "0", "--route", "1.2.3.4:80=127.0.0.1:8080",
            "--route", "5.6.7.8:53=localhost:5353", "--dns", "a.example=1.2.3.4", "--pdp-ip", "10.0.0.9",
            "--listen-offset", "10000", "--guard-ms", "200", "--baud", "921600", "--allow-real-network",
            "--control", "0", "--at-port", "uart1", "--ping-rtt", "5,6", "--ping-ttl", "64"}).options();
        assertThat(o.routes()).containsExactly(new SimulatorOptions.Route("1.2.3.4", 80, "127.0.0.1", 8080),
                new SimulatorOptions.Route("5.6.7.8", 53, "localhost", 5353));
        assertThat(o.dns()).containsEntry("a.example", "1.2.3.4");
        assertThat(o.pdpIp()).isEqualTo("10.0.0.9");
        assertThat(o.listenOffset()).isEqualTo(10000);
        assertThat(o.guardMs()).isEqualTo(200);
        assertThat(o.baud()).isEqualTo(921600);
        assertThat(o.allowRealNetwork()).isTrue();
        assertThat(o.controlPort()).isZero();
        assertThat(o.atPort()).isEqualTo("uart1");
        assertThat(o.pingRttMs()).isEqualTo(List.of(5, 6));
        assertThat(o.pingTtl()).isEqualTo(64);
    }

    @Test
    void rejectsBadOptionsNamingTheProblem() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--tcp"})).hasMessage("--tcp needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--tcp", "x"}))
                .hasMessage("--tcp needs a number, got: x");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--tcp", "70000"}))
                .hasMessageContaining("tcpPort out of range");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--route", "1.2.3.4=127.0.0.1:1"}))
                .hasMessageContaining("VIP:VPORT=HOST:PORT");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--route", "1.2.3.4:80=10.1.1.1:80"}))
                .hasMessageContaining("not loopback");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--dns", "x=host"}))
                .hasMessageContaining("not dotted IPv4");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--pdp-ip", "1.2.3"}))
                .hasMessageContaining("pdpIp");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--guard-ms", "0"}))
                .hasMessageContaining("guardMs");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--frobnicate"}))
                .hasMessage("unknown option: --frobnicate");
    }

    @Test
    void usageErrorExitsTwoAndHelpZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"--nope"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cellbridge-sim: unknown option: --nope");
        assertThat(Main.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar cellbridge-sim.jar");
    }

    @Test
    void printsListeningFirstAndServesThatPort() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(Main.run(new String[] {"--tcp", "0", "--control", "0"}, ps, ps)),
                "main-test");
        t.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).contains("CONTROL"));
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(lines[0]).matches("LISTENING \\d+");
            assertThat(lines[1]).matches("CONTROL \\d+");
            int port = Integer.parseInt(lines[0].substring("LISTENING ".length()));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(10_000);
                OutputStream os = s.getOutputStream();
                os.write("AT\r".getBytes(StandardCharsets.US_ASCII));
                InputStream is = s.getInputStream();
                assertThat(new String(is.readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("AT\r\r\nOK\r\n");
            }
        } finally {
            t.interrupt();
            t.join(10_000);
        }
        assertThat(t.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void portInUseExitsThreeNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Main.run(new String[] {"--tcp", String.valueOf(taken.getLocalPort())}, new PrintStream(out),
                    new PrintStream(err));
            assertThat(exit).isEqualTo(3);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cellbridge-sim: cannot bind port");
        }
    }

    @Test
    void givenTcpPortIsTheOneServed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (dev.cellbridge.simulator.Simulator sim = dev.cellbridge.simulator.Simulator.start(
                SimulatorOptions.builder().tcpPort(port).build());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(sim.port()).isEqualTo(port);
            assertThat(sim.controlPort()).isEqualTo(-1);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("AT\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(9), StandardCharsets.US_ASCII))
                    .isEqualTo("AT\r\r\nOK\r\n");
        }
    }
}
