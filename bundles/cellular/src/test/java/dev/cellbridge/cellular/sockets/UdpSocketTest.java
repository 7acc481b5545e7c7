package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.QuectelError;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketStatus;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** UDP clients and UDP services through the simulator to loopback peers; datagram boundaries and addresses kept. */
class UdpSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LoopbackPeers.UdpEcho echo;
    private SimulatedModem m;

    @BeforeEach
    void start() throws Exception {
        echo = new LoopbackPeers.UdpEcho();
        m = SimulatedModem.start(LoopbackPeers.freePort());
    }

    @AfterEach
    void stop() throws Exception {
        m.close();
        echo.close();
    }

    private static int[] sizes() {
        return new int[] {1, 2, 100, 512, 1000, 1459, 1460};
    }

    @ParameterizedTest
    @EnumSource(value = AccessMode.class, names = {"BUFFER", "DIRECT_PUSH"})
    void aUdpClientExchangesDatagramsOfEverySizeUpTo1460(AccessMode mode) throws Exception {
        ModemSocket s = m.open(SocketSpec.udp(1, "127.0.0.1", echo.port()).withAccessMode(mode));
        assertThat(s.serviceType()).isEqualTo(ServiceType.UDP);
        Random r = new Random(mode.ordinal());
        for (int size : sizes()) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            s.send(new Datagram(data, "127.0.0.1", echo.port()));
            Datagram back = s.receive(WAIT).orElseThrow();
            assertThat(back.data()).isEqualTo(data);
            assertThat(back.remoteIp()).isEqualTo("127.0.0.1");
            assertThat(back.remotePort()).isEqualTo(echo.port());
        }
        assertThat(s.sendTotals().sent()).isEqualTo(Arrays.stream(sizes()).sum());
        assertThat(s.receive(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void directPushKeepsTheBoundariesOfManyDatagramsInFlight() throws Exception {
        ModemSocket s = m.open(SocketSpec.udp(1, "127.0.0.1", echo.port()).withAccessMode(AccessMode.DIRECT_PUSH));
        List<byte[]> sent = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 60; i++) {
            byte[] data = new byte[1 + r.nextInt(1460)];
            r.nextBytes(data);
            sent.add(data);
            s.send(new Datagram(data, "127.0.0.1", echo.port()));
        }
        for (byte[] expected : sent) {
            assertThat(s.receive(WAIT).orElseThrow().data()).isEqualTo(expected);
        }
    }

    @Test
    void aUdpClientInTransparentModeCarriesTheBytes() throws Exception {
        ModemSocket s = m.open(SocketSpec.udp(1, "127.0.0.1", echo.port()).withAccessMode(AccessMode.TRANSPARENT));
        byte[] data = Transfers.random(1000, 2);
        s.send(new Datagram(data, "127.0.0.1", echo.port()));
        byte[] back = new byte[0];
        while (back.length < data.length) {
            byte[] piece = s.receive(WAIT).orElseThrow().data();
            back = concat(back, piece);
        }
        assertThat(back).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(value = AccessMode.class, names = {"BUFFER", "DIRECT_PUSH"})
    void aUdpServiceTalksToSeveralPeersWithTheirAddresses(AccessMode mode) throws Exception {
        int port = LoopbackPeers.freeUdpPort();
        ModemSocket service = m.open(SocketSpec.udpService(1, port).withAccessMode(mode));
        assertThat(service.state().status()).isEqualTo(SocketStatus.CONNECTED);
        List<DatagramSocket> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                DatagramSocket p = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                p.setSoTimeout((int) WAIT.toMillis());
                peers.add(p);
            }
            // every peer sends three datagrams of different sizes; each arrives whole, with its sender
            List<Datagram> expected = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (DatagramSocket p : peers) {
                    byte[] data = Transfers.random(1 + 400 * round + p.getLocalPort() % 50, p.getLocalPort() + round);
                    p.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
                    expected.add(new Datagram(data, "127.0.0.1", p.getLocalPort()));
                }
            }
            List<Datagram> received = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                received.add(service.receive(WAIT).orElseThrow());
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);

            // and the service answers each peer at its own address
            for (DatagramSocket p : peers) {
                byte[] reply = Transfers.random(700, p.getLocalPort());
                service.send(new Datagram(reply, "127.0.0.1", p.getLocalPort()));
                DatagramPacket in = new DatagramPacket(new byte[2000], 2000);
                p.receive(in);
                assertThat(Arrays.copyOf(in.getData(), in.getLength())).isEqualTo(reply);
                assertThat(in.getPort()).isEqualTo(port);
            }
        } finally {
            peers.forEach(DatagramSocket::close);
        }
    }

    @Test
    void datagramsThatCannotBeSentAreRefusedBeforeReachingTheModule() throws Exception {
        ModemSocket client = m.open(SocketSpec.udp(1, "127.0.0.1", echo.port()));
        ModemSocket service = m.open(SocketSpec.udpService(1, LoopbackPeers.freeUdpPort()));
        long before = m.channel.statistics().bytesOut();
        assertThatThrownBy(() -> client.send(new Datagram(new byte[1461], "127.0.0.1", echo.port())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a datagram of 1461 bytes is larger than the 1460 bytes one AT+QISEND can carry "
                        + "(connectID 0 (UDP))");
        assertThatThrownBy(() -> client.send(new Datagram(new byte[0], "127.0.0.1", echo.port())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an empty datagram cannot be sent on connectID 0 (UDP): AT+QISEND=<id>,0 is the totals query");
        assertThatThrownBy(() -> service.send(new Datagram(new byte[1], "localhost", 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a UDP SERVICE sends to a dotted-decimal IPv4 address, not \"localhost\"");
        assertThatThrownBy(() -> service.send(new Datagram(new byte[1], "127.0.0.1", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remote port 0 is out of range 1–65535");
        assertThatThrownBy(() -> client.input()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("input() does not apply to connectID 0 (UDP); streams are for TCP and TCP INCOMING sockets");
        assertThatThrownBy(() -> service.accept(WAIT)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("accept(Duration) does not apply to connectID 1 (UDP SERVICE); only a TCP LISTENER "
                        + "accepts connections");
        assertThat(m.channel.statistics().bytesOut()).isEqualTo(before);
    }

    @Test
    void theModuleRefusesAUdpServiceInTransparentMode() throws Exception {
        assertThatThrownBy(() -> m.open(SocketSpec.udpService(1, LoopbackPeers.freeUdpPort())
                .withAccessMode(AccessMode.TRANSPARENT)))
                .isInstanceOf(CellularException.class)
                .satisfies(e -> assertThat(((CellularException) e).error()).contains(QuectelError.OPERATION_NOT_SUPPORTED))
                .hasMessageContaining("opening UDP SERVICE 127.0.0.1:");
        // the connectID was given back
        assertThat(m.open(SocketSpec.udp(1, "127.0.0.1", echo.port())).connectId()).isZero();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
