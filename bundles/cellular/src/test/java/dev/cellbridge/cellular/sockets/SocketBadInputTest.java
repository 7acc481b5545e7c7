package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wrong calls get exceptions naming the problem; the module sees nothing of them and the socket stays usable. */
class SocketBadInputTest {

    private LoopbackPeers.TcpEcho echo;
    private SimulatedModem m;
    private ModemSocket tcp;

    @BeforeEach
    void start() throws Exception {
        echo = new LoopbackPeers.TcpEcho();
        m = SimulatedModem.start(echo.port());
        tcp = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT));
    }

    @AfterEach
    void stop() throws Exception {
        m.close();
        echo.close();
    }

    @Test
    void operationsOfOtherServiceTypesAreRefusedByName() throws Exception {
        long before = m.channel.statistics().bytesOut();
        assertThatThrownBy(() -> tcp.send(new Datagram(new byte[1], "127.0.0.1", 1)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("send(Datagram) does not apply to connectID 0 (TCP); datagrams are for UDP and UDP SERVICE "
                        + "sockets");
        assertThatThrownBy(() -> tcp.receive(Duration.ofSeconds(1))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("receive(Duration) does not apply to connectID 0 (TCP)");
        assertThatThrownBy(() -> tcp.accept(Duration.ofSeconds(1))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("accept(Duration) does not apply to connectID 0 (TCP); only a TCP LISTENER accepts "
                        + "connections");
        ModemSocket udp = m.open(SocketSpec.udp(1, "127.0.0.1", echo.port()));
        long afterOpen = m.channel.statistics().bytesOut();
        assertThatThrownBy(() -> udp.output()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("output() does not apply to connectID 1 (UDP); streams are for TCP and TCP INCOMING sockets");
        assertThatThrownBy(() -> udp.setReadTimeout(Duration.ofSeconds(1)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("setReadTimeout does not apply to connectID 1 (UDP)");
        assertThat(m.channel.statistics().bytesOut()).isEqualTo(afterOpen);
        assertThat(before).isLessThan(afterOpen);
    }

    @Test
    void badArgumentsAreRefusedAndTheSocketStaysUsable() throws Exception {
        long before = m.channel.statistics().bytesOut();
        assertThatThrownBy(() -> tcp.close(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("QICLOSE timeout must be 0–65535 s: PT-1S");
        assertThatThrownBy(() -> tcp.close(Duration.ofSeconds(65536))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("QICLOSE timeout must be 0–65535 s: PT18H12M16S");
        assertThatThrownBy(() -> tcp.switchMode(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("access mode must be given");
        assertThatThrownBy(() -> tcp.setReadTimeout(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("read timeout must not be negative: PT-0.005S");
        assertThatThrownBy(() -> tcp.awaitAcknowledged(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must not be negative: null");
        assertThatThrownBy(() -> tcp.output().write(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tcp.input().read(new byte[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.modem.open(null)).isInstanceOf(NullPointerException.class).hasMessage("spec");
        assertThat(m.channel.statistics().bytesOut()).isEqualTo(before);

        // a read timeout is a SocketTimeoutException, and the socket goes on working after it
        tcp.setReadTimeout(Duration.ofMillis(50));
        assertThatThrownBy(() -> tcp.input().read()).isInstanceOf(SocketTimeoutException.class)
                .hasMessage("no data within 50 ms");
        tcp.setReadTimeout(Transfers.READ_TIMEOUT);
        byte[] data = Transfers.random(3000, 4);
        assertThat(Transfers.echo(tcp, data, 4)).isEqualTo(data);
    }

    @Test
    void modemOperationsRefuseBadArgumentsByNameBeforeSendingAnything() throws Exception {
        long before = m.channel.statistics().bytesOut();
        Modem modem = m.modem;
        assertThatThrownBy(() -> modem.initialize(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("commands");
        assertThatThrownBy(() -> modem.initialize(Arrays.asList("ATE0", null))).isInstanceOf(NullPointerException.class)
                .hasMessage("line");
        assertThatThrownBy(() -> modem.initialize(List.of("ATE0", "A"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command line must start with AT: \"A\"");
        assertThatThrownBy(() -> modem.initialize(List.of(""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command line must be one non-empty line without CR/LF: \"\"");
        assertThatThrownBy(() -> modem.configure(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("TCP/IP options");
        assertThatThrownBy(() -> modem.configureContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("context configuration");
        assertThatThrownBy(() -> modem.subscribe(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("listener");
        for (String host : new String[] {"two words", "bad\u0000host", "x\u001aAT+QPOWD"}) {
            assertThatThrownBy(() -> modem.ping(1, host, 4, 1, 32)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("QPING host must be a domain name or IP address of 1–256 characters without quotes, "
                            + "spaces or control characters: \"" + host + "\"");
        }
        assertThatThrownBy(() -> modem.ping(1, "example.com", 4, 11, 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("QPING pingnum 11 is out of range 1–10");
        assertThatThrownBy(() -> modem.ping(1, "example.com", 4, 1, 1501)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("QPING ping_size 1501 is out of range 32–1500");
        assertThatThrownBy(() -> modem.dnsServers(1, "8.8.8.8", "not an address"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secondary DNS server must be an IPv4 or IPv6 address: not an address");
        for (int id : new int[] {0, 6, -1}) {
            String range = "contextID " + id + " is out of range 1–5";
            assertThatThrownBy(() -> modem.activate(id)).isInstanceOf(IllegalArgumentException.class).hasMessage(range);
            assertThatThrownBy(() -> modem.activateAsync(id)).hasMessage(range);
            assertThatThrownBy(() -> modem.deactivate(id)).hasMessage(range);
            assertThatThrownBy(() -> modem.deactivateAsync(id)).hasMessage(range);
            assertThatThrownBy(() -> modem.contextConfig(id)).hasMessage(range);
            assertThatThrownBy(() -> modem.dnsServers(id)).hasMessage(range);
            assertThatThrownBy(() -> SocketSpec.tcp(id, "127.0.0.1", 80)).hasMessage(range);
        }
        assertThatThrownBy(() -> new Datagram(null, "127.0.0.1", 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("data");
        assertThat(m.channel.statistics().bytesOut()).as("bytes sent to the module").isEqualTo(before);
        // and the modem works on
        assertThat(modem.contexts()).anyMatch(c -> c.contextId() == 1 && c.active());
    }

    @Test
    void aClosedSocketRefusesEverythingButClose() throws Exception {
        tcp.close();
        String closed = "connectID 0 (TCP) is closed";
        assertThatThrownBy(() -> tcp.output().write(1)).isInstanceOf(SocketException.class).hasMessage(closed);
        assertThatThrownBy(() -> tcp.input().read()).isInstanceOf(SocketException.class).hasMessage(closed);
        assertThatThrownBy(() -> tcp.input().available()).isInstanceOf(SocketException.class).hasMessage(closed);
        assertThatThrownBy(() -> tcp.state()).isInstanceOf(SocketException.class).hasMessage(closed);
        assertThatThrownBy(() -> tcp.sendTotals()).isInstanceOf(SocketException.class).hasMessage(closed);
        assertThatThrownBy(() -> tcp.receiveTotals()).isInstanceOf(SocketException.class).hasMessage(closed);
        assertThatThrownBy(() -> tcp.switchMode(AccessMode.DIRECT_PUSH)).isInstanceOf(SocketException.class)
                .hasMessage(closed);
        assertThatThrownBy(() -> tcp.awaitAcknowledged(Duration.ofSeconds(1))).isInstanceOf(SocketException.class)
                .hasMessage(closed);
        tcp.close();
        assertThat(tcp.isClosed()).isTrue();
        assertThat(m.modem.socketStates()).isEmpty();
    }

    @Test
    void whileOneSocketIsInTransparentModeTheOthersSayWhyTheyCannotRunCommands() throws Exception {
        ModemSocket other = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT));
        tcp.switchMode(AccessMode.TRANSPARENT);
        assertThatThrownBy(() -> other.output().write(new byte[5]))
                .hasMessageContaining("in transparent data mode");
        assertThatThrownBy(() -> other.close()).hasMessageStartingWith("closing connectID 1 (TCP) failed; it stays open");
        assertThat(other.isClosed()).isFalse();

        tcp.switchMode(AccessMode.BUFFER);
        byte[] data = Transfers.random(2000, 6);
        assertThat(Transfers.echo(other, data, 6)).isEqualTo(data);
        other.close();
        assertThat(other.isClosed()).isTrue();
    }
}
