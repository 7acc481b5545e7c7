package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.SocketSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Socket bridges: both ways, reopened after a remote close with nothing lost, listeners with their connections. */
class SocketBridgeTest extends RelayTestBase {

    @Test
    void aTcpClientBridgeRelaysBothWaysAndReopensAfterARemoteCloseLosingNothing() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("bridge1");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);
        SocketBridge bridge = track(new SocketBridge(new BridgeSettings("echo", "modem",
                SocketSpec.tcp(1, SimModem.REMOTE, SimModem.REMOTE_PORT), Duration.ofMillis(50), Duration.ofMillis(500),
                1 << 20), relay));
        bridge.start();
        String p = o.prefix() + "bridge/echo/";
        probe.await(x -> x.topic().equals(p + "events") && x.json().get("event").getAsString().equals("open"));

        Random random = new Random(3);
        byte[] first = new byte[5000];
        random.nextBytes(first);
        probe.publish(p + "tx", first);
        await(() -> RelayEndToEndTest.rx(probe, p + "rx").length == first.length);
        assertThat(RelayEndToEndTest.rx(probe, p + "rx")).isEqualTo(first);
        await(() -> eventAdmin.on(dev.cellbridge.relay.RelayTopics.SOCKET_STATE).stream()
                .anyMatch(e -> e.getProperty("state").equals("OPEN")));

        // the network closes it: the bridge reopens, and what is sent meanwhile is not lost
        int id = bridge.socket().orElseThrow().connectId();
        m.sim.remoteClose(id);
        probe.await(x -> x.topic().equals(p + "events") && x.json().get("event").getAsString().equals("closed"));
        byte[] second = "after the reopen".getBytes(StandardCharsets.US_ASCII);
        probe.publish(p + "tx", second);
        await(() -> bridge.opens() == 2);
        await(() -> RelayEndToEndTest.rx(probe, p + "rx").length == first.length + second.length);
        byte[] all = RelayEndToEndTest.rx(probe, p + "rx");
        assertThat(java.util.Arrays.copyOfRange(all, first.length, all.length)).isEqualTo(second);
        assertThat(m.echo.connections()).hasSize(2);
    }

    @Test
    void aListenerBridgeRelaysEachIncomingConnectionOnItsOwnTopics() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("bridge2");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SocketBridge bridge = track(new SocketBridge(new BridgeSettings("srv", "modem", SocketSpec.tcpListener(1, port),
                Duration.ofMillis(50), Duration.ofMillis(500), 1 << 20), relay));
        bridge.start();
        String p = o.prefix() + "bridge/srv/";
        probe.await(x -> x.topic().equals(p + "events") && x.json().get("serviceType").getAsString()
                .equals("TCP LISTENER"));
        try (Socket peer = new Socket()) {
            peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            MqttProbe.Received opened = probe.await(x -> x.topic().equals(p + "events")
                    && x.json().get("serviceType").getAsString().equals("TCP INCOMING"));
            int id = opened.json().get("connectId").getAsInt();
            OutputStream out = peer.getOutputStream();
            out.write("from the peer".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> new String(RelayEndToEndTest.rx(probe, p + id + "/rx"), StandardCharsets.US_ASCII)
                    .equals("from the peer"));
            probe.publish(p + id + "/tx", "to the peer");
            InputStream in = peer.getInputStream();
            peer.setSoTimeout(10_000);
            assertThat(new String(in.readNBytes(11), StandardCharsets.US_ASCII)).isEqualTo("to the peer");
        }
        probe.await(x -> x.topic().equals(p + "events") && x.json().get("event").getAsString().equals("closed"));

        // more connections come and go: each one's thread leaves with it
        for (int i = 0; i < 3; i++) {
            try (Socket peer = new Socket()) {
                peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            }
        }
        await(() -> probe.messages.stream().filter(x -> x.topic().equals(p + "events")
                && x.json().get("event").getAsString().equals("closed")).count() == 4);
        await(() -> bridge.connectionThreads() == 0);
    }

    @Test
    void aWriteToAListenersConnectionNeverHoldsUpTheRelaysOtherInboundMessages() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("bridge3");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SocketBridge bridge = track(new SocketBridge(new BridgeSettings("srv3", "modem", SocketSpec.tcpListener(1, port),
                Duration.ofMillis(50), Duration.ofMillis(500), 1 << 20), relay));
        bridge.start();
        String p = o.prefix() + "bridge/srv3/";
        probe.await(x -> x.topic().equals(p + "events") && x.json().get("serviceType").getAsString()
                .equals("TCP LISTENER"));
        try (Socket peer = new Socket()) {
            peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            int id = probe.await(x -> x.topic().equals(p + "events") && x.json().get("serviceType").getAsString()
                    .equals("TCP INCOMING")).json().get("connectId").getAsInt();
            // the module stops answering: a write to the connection waits for it (up to its AT timeout)
            m.sim.hang();
            probe.publish(p + id + "/tx", "waits for the module");
            // meanwhile a command that needs no module is still answered: the write did not take MQTT's thread
            com.google.gson.JsonObject reply = command(probe, o, "frobnicate", "{\"requestId\":\"f1\"}");
            assertThat(reply.get("error").getAsString()).startsWith("unknown op \"frobnicate\"");
            m.channel.close(); // fails the write waiting for the hung module at once (a reboot would leave it to time out)
        }
    }
}
