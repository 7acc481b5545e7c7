package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Many sockets at once: every connectID busy, data flowing on all of them concurrently. */
class ConcurrentSocketsTest {

    @Test
    void elevenTcpSocketsAndAUdpSocketCarryDataAtTheSameTime() throws Exception {
        try (LoopbackPeers.TcpEcho echo = new LoopbackPeers.TcpEcho();
                LoopbackPeers.UdpEcho udpEcho = new LoopbackPeers.UdpEcho();
                SimulatedModem m = SimulatedModem.start(echo.port())) {
            List<ModemSocket> tcp = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                AccessMode mode = i % 2 == 0 ? AccessMode.BUFFER : AccessMode.DIRECT_PUSH;
                tcp.add(m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT)
                        .withAccessMode(mode)));
            }
            ModemSocket udp = m.open(SocketSpec.udp(1, "127.0.0.1", udpEcho.port()));
            assertThat(tcp).extracting(ModemSocket::connectId).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(udp.connectId()).isEqualTo(11);
            assertThat(m.modem.socketStates()).hasSize(12);

            List<byte[]> data = new ArrayList<>();
            List<FutureTask<byte[]>> readers = new ArrayList<>();
            List<FutureTask<Void>> writers = new ArrayList<>();
            for (ModemSocket s : tcp) {
                byte[] d = Transfers.random(64 * 1024, s.connectId());
                data.add(d);
                s.setReadTimeout(Transfers.READ_TIMEOUT);
                FutureTask<byte[]> reader = new FutureTask<>(() -> Transfers.readFully(s.input(), d.length));
                Thread t = new Thread(reader, "test-reader-" + s.connectId());
                t.setDaemon(true);
                t.start();
                readers.add(reader);
                writers.add(Transfers.writeInPieces(s.output(), d, 6000, s.connectId(), "test-writer-" + s.connectId()));
            }
            for (int i = 0; i < 20; i++) {
                byte[] d = Transfers.random(100 + i * 50, 1000 + i);
                udp.send(new Datagram(d, "127.0.0.1", udpEcho.port()));
                assertThat(udp.receive(Duration.ofSeconds(10)).orElseThrow().data()).isEqualTo(d);
            }
            for (int i = 0; i < tcp.size(); i++) {
                Transfers.await(writers.get(i));
                Transfers.await(readers.get(i));
                assertThat(readers.get(i).get()).as("connectID %d", i).isEqualTo(data.get(i));
            }
        }
    }
    @Test
    void theModemsThreadsEndWhenItCloses() throws Exception {
        try (LoopbackPeers.TcpEcho echo = new LoopbackPeers.TcpEcho()) {
            SimulatedModem m = SimulatedModem.start(echo.port(), b -> b, ModemOptions.defaults().withName("threads"));
            try {
                for (AccessMode mode : List.of(AccessMode.BUFFER, AccessMode.DIRECT_PUSH, AccessMode.TRANSPARENT)) {
                    ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT)
                            .withAccessMode(mode));
                    byte[] d = Transfers.random(5000, mode.ordinal());
                    assertThat(Transfers.echo(s, d, 1)).isEqualTo(d);
                }
                assertThat(threadsNamed("cellbridge-sockets-threads")).isOne();
                assertThat(threadsNamed("cellbridge-transparent-threads-")).isOne();
            } finally {
                m.close();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed("cellbridge-sockets-threads")
                    + threadsNamed("cellbridge-transparent-threads-") == 0);
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
