package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A TCP LISTENER on the module with real loopback clients connecting to it. */
class TcpListenerSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SimulatedModem m;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        m = SimulatedModem.start(LoopbackPeers.freePort());
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket c : clients) {
            c.close();
        }
        m.close();
    }

    private Socket connect(int port) throws IOException {
        Socket c = new Socket();
        clients.add(c);
        c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
        c.setSoTimeout((int) Transfers.READ_TIMEOUT.toMillis());
        return c;
    }

    @ParameterizedTest
    @EnumSource(value = AccessMode.class, names = {"BUFFER", "DIRECT_PUSH"})
    void acceptedConnectionsCarryDataBothWaysAtOnce(AccessMode mode) throws Exception {
        int port = LoopbackPeers.freePort();
        ModemSocket listener = m.open(SocketSpec.tcpListener(1, port).withAccessMode(mode));
        assertThat(listener.connectId()).isZero();
        assertThat(listener.state().status()).isEqualTo(SocketStatus.LISTENING);

        List<Socket> cs = List.of(connect(port), connect(port));
        List<ModemSocket> accepted = new ArrayList<>();
        for (Socket c : cs) {
            ModemSocket in = m.track(listener.accept(WAIT).orElseThrow());
            accepted.add(in);
            assertThat(in.serviceType()).isEqualTo(ServiceType.TCP_INCOMING);
            assertThat(in.accessMode()).isEqualTo(mode); // inherited from the listener (seed note 5)
            assertThat(in.spec().remoteHost()).isEqualTo("127.0.0.1");
            assertThat(in.spec().localPort()).isEqualTo(port);
        }
        // the module picked the IDs (the simulator from 11 downwards); each maps to the client that connected
        assertThat(accepted).extracting(ModemSocket::connectId).containsExactlyInAnyOrder(11, 10);
        for (ModemSocket in : accepted) {
            assertThat(cs).extracting(Socket::getLocalPort).contains(in.spec().remotePort());
            assertThat(in.state().serverId()).isZero();
        }

        List<FutureTask<Void>> writers = new ArrayList<>();
        List<byte[]> up = new ArrayList<>();
        List<byte[]> down = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            ModemSocket in = accepted.get(i);
            Socket client = clientOf(in, cs);
            up.add(Transfers.random(256 * 1024, 100 + i));
            down.add(Transfers.random(256 * 1024, 200 + i));
            writers.add(Transfers.writeInPieces(client.getOutputStream(), up.get(i), 4096, i, "test-client-writer-" + i));
            writers.add(Transfers.writeInPieces(in.output(), down.get(i), 8192, i, "test-module-writer-" + i));
            in.setReadTimeout(Transfers.READ_TIMEOUT);
        }
        for (int i = 0; i < accepted.size(); i++) {
            ModemSocket in = accepted.get(i);
            assertThat(Transfers.readFully(in.input(), up.get(i).length)).isEqualTo(up.get(i));
            assertThat(Transfers.readFully(clientOf(in, cs).getInputStream(), down.get(i).length)).isEqualTo(down.get(i));
        }
        for (FutureTask<Void> w : writers) {
            Transfers.await(w);
        }

        // a client that closes ends the module side's input
        clientOf(accepted.get(0), cs).close();
        assertThat(accepted.get(0).input().read()).isEqualTo(-1);
    }

    /** The client whose local port the incoming connection reports as its remote port. */
    private static Socket clientOf(ModemSocket in, List<Socket> cs) {
        return cs.stream().filter(c -> c.getLocalPort() == in.spec().remotePort()).findFirst().orElseThrow();
    }

    @Test
    void idsTheModuleGaveToIncomingConnectionsAreNeverHandedOut() throws Exception {
        try (LoopbackPeers.TcpEcho echo = new LoopbackPeers.TcpEcho()) {
            int port = LoopbackPeers.freePort();
            ModemSocket listener = m.open(SocketSpec.tcpListener(1, port));
            connect(port);
            ModemSocket in = m.track(listener.accept(WAIT).orElseThrow());
            assertThat(in.connectId()).isEqualTo(11);

            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(m.open(SocketSpec.tcp(1, "127.0.0.1", echo.port())).connectId());
            }
            assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThatThrownBy(() -> m.open(SocketSpec.tcp(1, "127.0.0.1", echo.port())))
                    .isInstanceOf(CellularException.class)
                    .hasMessage("no free connectID: all 12 (0–11) are in use");

            in.close();
            assertThat(m.open(SocketSpec.tcp(1, "127.0.0.1", echo.port())).connectId()).isEqualTo(11);
        }
    }

    @Test
    void aFullListenerReportsTheRefusedClient() throws Exception {
        int port = LoopbackPeers.freePort();
        ModemSocket listener = m.open(SocketSpec.tcpListener(1, port).withMaxClients(1));
        connect(port);
        ModemSocket in = m.track(listener.accept(WAIT).orElseThrow());
        Socket refused = connect(port);
        assertThat(refused.getInputStream().read()).isEqualTo(-1); // the module closed it at once
        Awaitility.await().atMost(WAIT).until(() -> m.events.stream()
                .anyMatch(e -> e instanceof CellularEvent.IncomingFull f && f.serverId() == 0));
        assertThat(listener.accept(Duration.ofMillis(100))).isEmpty();
        assertThat(in.isClosed()).isFalse();
    }

    @Test
    void closingTheListenerClosesConnectionsNobodyAccepted() throws Exception {
        int port = LoopbackPeers.freePort();
        ModemSocket listener = m.open(SocketSpec.tcpListener(1, port));
        Socket c = connect(port);
        Awaitility.await().atMost(WAIT).until(() -> m.events.stream()
                .anyMatch(e -> e instanceof CellularEvent.Incoming));
        listener.close();
        assertThat(c.getInputStream().read()).isEqualTo(-1);
        assertThat(m.modem.socketStates()).isEmpty();
        assertThatThrownBy(() -> listener.accept(WAIT)).isInstanceOf(SocketException.class)
                .hasMessage("connectID 0 (TCP LISTENER) is closed");
        assertThatThrownBy(() -> listener.output()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> listener.switchMode(AccessMode.BUFFER))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("switchMode does not apply to connectID 0 (TCP LISTENER); a TCP LISTENER carries no data; "
                        + "its connections inherit its access mode");
    }
}
