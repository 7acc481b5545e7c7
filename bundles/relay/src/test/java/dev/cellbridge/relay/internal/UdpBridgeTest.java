package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.SocketSpec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Socket bridges in their UDP modes, through the simulator to a loopback UDP peer: each MQTT message on
 * {@code bridge/<name>/tx} is one datagram, each datagram one message on {@code bridge/<name>/rx} (boundaries kept,
 * both ways).
 */
class UdpBridgeTest extends RelayTestBase {

    /** Datagrams of different sizes, sent back to back: a stream would merge or split them. */
    private static final List<byte[]> DATAGRAMS = List.of(bytes("a"), bytes("two"), pattern(1000), bytes("four!"),
            pattern(1460), bytes("6"));

    /**
     * In direct push mode, each {@code +QIURC: "recv",<id>,<len>} is one datagram. (In buffer mode a UDP client reads
     * with {@code AT+QIRD=<id>,<len>}, which may join datagrams: why a bridge's UDP client defaults to push.)
     */
    @Test
    void aUdpClientBridgeKeepsDatagramBoundariesBothWays() throws Exception {
        try (UdpPeer peer = new UdpPeer(true)) {
            SimModem m = track(new SimModem("modem", "220.180.239.213:9000=127.0.0.1:" + peer.port()));
            RelayOptions o = options("udpbridge1");
            MqttProbe probe = probe(o.prefix() + "#");
            Relay relay = relayOn(m, o, probe);
            SocketBridge bridge = track(new SocketBridge(new BridgeSettings("u", "modem",
                    BridgeComponent.settings(Map.of("bridge.name", "u", "service.type", "UDP", "remote.host",
                            "220.180.239.213", "remote.port", 9000)).spec(), Duration.ofMillis(50),
                    Duration.ofMillis(500), 1 << 20), relay));
            bridge.start();
            String p = o.prefix() + "bridge/u/";
            MqttProbe.Received open = probe.await(x -> x.topic().equals(p + "events"));
            assertThat(open.json().get("event").getAsString()).isEqualTo("open");
            assertThat(open.json().get("serviceType").getAsString()).isEqualTo("UDP");

            for (byte[] d : DATAGRAMS) {
                probe.publish(p + "tx", d);
            }
            await(() -> peer.received.size() == DATAGRAMS.size());
            assertThat(peer.received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(DATAGRAMS);
            await(() -> rx(probe, p + "rx").size() == DATAGRAMS.size());
            assertThat(rx(probe, p + "rx")).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(DATAGRAMS);
        }
    }

    @Test
    void aUdpServiceBridgeAnswersItsLastPeerKeepingDatagramBoundaries() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("udpbridge2");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);
        int port;
        try (DatagramSocket free = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = free.getLocalPort();
        }
        SocketBridge bridge = track(new SocketBridge(new BridgeSettings("svc", "modem", SocketSpec.udpService(1, port),
                Duration.ofMillis(50), Duration.ofMillis(500), 1 << 20), relay));
        bridge.start();
        String p = o.prefix() + "bridge/svc/";
        MqttProbe.Received open = probe.await(x -> x.topic().equals(p + "events"));
        assertThat(open.json().get("serviceType").getAsString()).isEqualTo("UDP SERVICE");

        // nobody has sent yet: there is no one to answer, and the relay says so
        probe.publish(p + "tx", "too early");
        MqttProbe.Received error = probe.await(x -> x.topic().equals(o.prefix() + "error"));
        assertThat(error.json().get("error").getAsString()).isEqualTo("bridge svc: no peer has sent yet; 9 bytes "
                + "dropped");

        try (UdpPeer peer = new UdpPeer(false)) {
            for (byte[] d : DATAGRAMS) {
                peer.socket.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), port));
            }
            await(() -> rx(probe, p + "rx").size() == DATAGRAMS.size());
            assertThat(rx(probe, p + "rx")).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(DATAGRAMS);

            for (byte[] d : DATAGRAMS) {
                probe.publish(p + "tx", d);
            }
            await(() -> peer.received.size() == DATAGRAMS.size());
            assertThat(peer.received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(DATAGRAMS);
        }
    }

    private static List<byte[]> rx(MqttProbe probe, String topic) {
        return probe.messages.stream().filter(x -> x.topic().equals(topic)).map(MqttProbe.Received::payload).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + n);
        }
        return b;
    }
}
