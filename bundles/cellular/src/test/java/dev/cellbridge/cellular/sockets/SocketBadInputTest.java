package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
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
