package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.relay.RelayTopics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** URCs from the simulator on EventAdmin and MQTT; a fleet command's socket through the simulator to an echo peer. */
class RelayEndToEndTest extends RelayTestBase {

    @Test
    void remoteCloseIncomingAndPdpdeactReachEventAdminAndMqttWithTheirFields() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("gw1");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);

        // remote close
        ModemSocket client = m.modem.open(SocketSpec.tcp(1, SimModem.REMOTE, SimModem.REMOTE_PORT));
        m.sim.remoteClose(client.connectId());
        await(() -> !eventAdmin.on("dev/cellbridge/urc/CLOSED").isEmpty());
        Event closed = eventAdmin.on("dev/cellbridge/urc/CLOSED").get(0);
        assertThat(closed.getProperty("modem")).isEqualTo("modem");
        assertThat(closed.getProperty("urc")).isEqualTo("+QIURC: \"closed\"," + client.connectId());
        assertThat(closed.getProperty("connectId")).isEqualTo(client.connectId());
        JsonObject closedJson = probe.await(o.prefix() + "urc/CLOSED").json();
        assertThat(closedJson.get("modem").getAsString()).isEqualTo("modem");
        assertThat(closedJson.get("name").getAsString()).isEqualTo("CLOSED");
        assertThat(closedJson.get("urc").getAsString()).isEqualTo("+QIURC: \"closed\"," + client.connectId());
        assertThat(closedJson.get("connectId").getAsInt()).isEqualTo(client.connectId());
        assertThat(closedJson.has("seq")).isTrue();
        assertThat(closedJson.has("time")).isTrue();
        client.close();

        // incoming connection on a listener
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ModemSocket listener = m.modem.open(SocketSpec.tcpListener(1, port));
        try (Socket peer = new Socket()) {
            peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            await(() -> !eventAdmin.on("dev/cellbridge/urc/INCOMING").isEmpty());
            Event in = eventAdmin.on("dev/cellbridge/urc/INCOMING").get(0);
            int connectId = (Integer) in.getProperty("connectId");
            assertThat(in.getProperty("serverId")).isEqualTo(listener.connectId());
            assertThat(in.getProperty("remoteIp")).isEqualTo("127.0.0.1");
            assertThat(in.getProperty("remotePort")).isEqualTo(peer.getLocalPort());
            assertThat(in.getProperty("urc")).isEqualTo("+QIURC: \"incoming\"," + connectId + ","
                    + listener.connectId() + ",\"127.0.0.1\"," + peer.getLocalPort());
            JsonObject inJson = probe.await(o.prefix() + "urc/INCOMING").json();
            assertThat(inJson.get("connectId").getAsInt()).isEqualTo(connectId);
            assertThat(inJson.get("serverId").getAsInt()).isEqualTo(listener.connectId());
            assertThat(inJson.get("remoteIp").getAsString()).isEqualTo("127.0.0.1");
            assertThat(inJson.get("remotePort").getAsInt()).isEqualTo(peer.getLocalPort());
            // the accepted connection is a socket in state OPEN
            await(() -> eventAdmin.on(RelayTopics.SOCKET_STATE).stream()
                    .anyMatch(e -> e.getProperty("connectId").equals(connectId)
                            && e.getProperty("serviceType").equals("TCP INCOMING")
                            && e.getProperty("state").equals("OPEN")));
            listener.accept(WAIT).orElseThrow().close();
        }
        listener.close();

        // the network deactivates the context
        m.sim.pdpDeact(1);
        await(() -> !eventAdmin.on("dev/cellbridge/urc/PDPDEACT").isEmpty());
        Event deact = eventAdmin.on("dev/cellbridge/urc/PDPDEACT").get(0);
        assertThat(deact.getProperty("contextId")).isEqualTo(1);
        assertThat(deact.getProperty("urc")).isEqualTo("+QIURC: \"pdpdeact\",1");
        assertThat(probe.await(o.prefix() + "urc/PDPDEACT").json().get("contextId").getAsInt()).isEqualTo(1);
        await(() -> eventAdmin.on(RelayTopics.CONTEXT_STATE).stream()
                .anyMatch(e -> e.getProperty("contextId").equals(1) && e.getProperty("state").equals("INACTIVE")
                        && e.getProperty("ipv4").equals("") && e.getProperty("modem").equals("modem")));
        // the retained state follows
        probe.await(x -> x.topic().equals(o.prefix() + "state")
                && x.json().getAsJsonArray("contexts").toString().contains("\"state\":\"INACTIVE\""));

        // every event was posted on the relay's own thread, never the AT dispatcher's
        assertThat(eventAdmin.posters).allMatch(t -> t.getName().equals("cellbridge-relay-events"));
    }

    @Test
    void aFleetCommandOpensASocketThroughTheSimulatorAndTheEchoComesBackOnRx() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("gw2");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);

        JsonObject reply = command(probe, o, "open", openEcho("o1", ""));
        assertThat(reply.get("ok").getAsBoolean()).as(reply.toString()).isTrue();
        assertThat(reply.get("op").getAsString()).isEqualTo("open");
        JsonObject result = reply.getAsJsonObject("result");
        int id = result.get("connectId").getAsInt();
        assertThat(result.get("serviceType").getAsString()).isEqualTo("TCP");
        assertThat(result.get("rx").getAsString()).isEqualTo(o.prefix() + "socket/" + id + "/rx");

        // cmd/send, then raw bytes on socket/<id>/tx: both echoed on socket/<id>/rx
        probe.publish(o.prefix() + "cmd/send", "{\"requestId\":\"s1\",\"connectId\":" + id + ",\"text\":\"hello \"}");
        assertThat(probe.await(o.prefix() + "reply/s1").json().getAsJsonObject("result").get("bytes").getAsInt())
                .isEqualTo(6);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        probe.publish(o.prefix() + "socket/" + id + "/tx", binary);
        byte[] expected = new byte[6 + 256];
        System.arraycopy("hello ".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 6);
        System.arraycopy(binary, 0, expected, 6, 256);
        await(() -> rx(probe, o.prefix() + "socket/" + id + "/rx").length >= expected.length);
        assertThat(rx(probe, o.prefix() + "socket/" + id + "/rx")).isEqualTo(expected);

        // the same bytes on EventAdmin as socket DATA, and the socket's state
        await(() -> eventAdmin.on(RelayTopics.SOCKET_DATA).stream().mapToInt(e -> ((byte[]) e.getProperty("data")).length)
                .sum() == expected.length);
        assertThat(eventAdmin.on(RelayTopics.SOCKET_DATA)).allMatch(e -> e.getProperty("connectId").equals(id)
                && e.getProperty("modem").equals("modem"));
        assertThat(eventAdmin.on(RelayTopics.SOCKET_STATE)).anyMatch(e -> e.getProperty("connectId").equals(id)
                && e.getProperty("serviceType").equals("TCP") && e.getProperty("state").equals("OPEN"));

        // state lists it; close ends it
        probe.publish(o.prefix() + "cmd/state", "{\"requestId\":\"st\"}");
        JsonObject st = probe.await(o.prefix() + "reply/st").json().getAsJsonObject("result");
        assertThat(st.getAsJsonArray("moduleSockets").get(0).getAsJsonObject().get("connectId").getAsInt()).isEqualTo(id);
        assertThat(st.getAsJsonArray("sockets").toString()).contains("\"connectId\":" + id);
        probe.publish(o.prefix() + "cmd/close", "{\"requestId\":\"c1\",\"connectId\":" + id + "}");
        assertThat(probe.await(o.prefix() + "reply/c1").json().get("ok").getAsBoolean()).isTrue();
        await(() -> eventAdmin.on(RelayTopics.SOCKET_STATE).stream().anyMatch(e -> e.getProperty("connectId").equals(id)
                && e.getProperty("state").equals("CLOSED")));
        assertThat(m.modem.socketStates()).isEmpty();
    }

    @Test
    void pingContextsAndHoldSocketsAnswerWithResults() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("gw3");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);

        probe.publish(o.prefix() + "cmd/ping", "{\"requestId\":\"p1\",\"host\":\"127.0.0.1\",\"count\":2}");
        JsonObject ping = probe.await(o.prefix() + "reply/p1").json();
        assertThat(ping.get("ok").getAsBoolean()).as(ping.toString()).isTrue();
        assertThat(ping.getAsJsonObject("result").getAsJsonArray("replies")).hasSize(2);
        assertThat(ping.getAsJsonObject("result").getAsJsonObject("summary").get("sent").getAsInt()).isEqualTo(2);

        probe.publish(o.prefix() + "cmd/contexts", "{\"requestId\":\"x1\"}");
        JsonObject ctx = probe.await(o.prefix() + "reply/x1").json().getAsJsonObject("result");
        assertThat(ctx.getAsJsonArray("contexts").get(0).getAsJsonObject().get("contextId").getAsInt()).isEqualTo(1);
        assertThat(ctx.getAsJsonArray("contexts").get(0).getAsJsonObject().get("ipv4").getAsString())
                .isEqualTo("10.7.157.1");

        int id = command(probe, o, "open", openEcho("o2", ",\"rx\":\"hold\"")).getAsJsonObject("result")
                .get("connectId").getAsInt();
        probe.publish(o.prefix() + "cmd/send", "{\"requestId\":\"s2\",\"connectId\":" + id + ",\"data\":\""
                + Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xFF}) + "\"}");
        probe.await(o.prefix() + "reply/s2");
        probe.publish(o.prefix() + "cmd/read", "{\"requestId\":\"r1\",\"connectId\":" + id + ",\"timeoutMs\":5000}");
        JsonObject read = probe.await(o.prefix() + "reply/r1").json().getAsJsonObject("result");
        assertThat(Base64.getDecoder().decode(read.get("data").getAsString())).isEqualTo(new byte[] {0, 1, 2, (byte) 0xFF});
        assertThat(probe.on(o.prefix() + "socket/" + id + "/rx")).isEmpty();

        probe.publish(o.prefix() + "cmd/contexts", "{\"requestId\":\"x2\",\"action\":\"deactivate\",\"contextId\":1}");
        JsonObject deact = probe.await(o.prefix() + "reply/x2").json();
        assertThat(deact.get("ok").getAsBoolean()).as(deact.toString()).isTrue();
        assertThat(m.modem.contexts()).noneMatch(c -> c.active());
    }

    static byte[] rx(MqttProbe probe, String topic) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (MqttProbe.Received r : probe.on(topic)) {
            out.writeBytes(r.payload());
        }
        return out.toByteArray();
    }
}
