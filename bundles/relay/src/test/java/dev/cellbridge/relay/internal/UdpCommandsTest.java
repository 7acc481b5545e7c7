package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Fleet commands on UDP: a client to a routed echo, and context activation. */
class UdpCommandsTest extends RelayTestBase {

    @Test
    void aUdpClientOpenedByCommandRelaysDatagramsBothWays() throws Exception {
        try (UdpPeer echo = new UdpPeer(true)) {
            SimModem m = track(new SimModem("modem", "220.180.239.213:9000=127.0.0.1:" + echo.port()));
            RelayOptions o = options("udp1");
            MqttProbe probe = probe(o.prefix() + "#");
            relayOn(m, o, probe);

            JsonObject opened = command(probe, o, "open", "{\"requestId\":\"u1\",\"serviceType\":\"UDP\",\"host\":"
                    + "\"220.180.239.213\",\"port\":9000}");
            assertThat(opened.get("ok").getAsBoolean()).as(opened.toString()).isTrue();
            int id = opened.getAsJsonObject("result").get("connectId").getAsInt();
            assertThat(opened.getAsJsonObject("result").get("serviceType").getAsString()).isEqualTo("UDP");
            // pushed unless asked otherwise: in buffer mode the module may join datagrams
            assertThat(opened.getAsJsonObject("result").get("accessMode").getAsString()).isEqualTo("push");

            probe.publish(o.prefix() + "cmd/send", "{\"requestId\":\"u2\",\"connectId\":" + id + ",\"text\":\"one\"}");
            probe.await(x -> x.topic().equals(o.prefix() + "socket/" + id + "/rx") && x.text().equals("one"));
            probe.publish(o.prefix() + "socket/" + id + "/tx", "two".getBytes(StandardCharsets.US_ASCII));
            probe.await(x -> x.topic().equals(o.prefix() + "socket/" + id + "/rx") && x.text().equals("two"));
            // on EventAdmin each datagram comes with its peer, as the module names it (the virtual address)
            await(() -> eventAdmin.on(dev.cellbridge.relay.RelayTopics.SOCKET_DATA).size() == 2);
            assertThat(eventAdmin.on(dev.cellbridge.relay.RelayTopics.SOCKET_DATA)).allSatisfy(e -> {
                assertThat(e.getProperty("remoteIp")).isEqualTo("220.180.239.213");
                assertThat(e.getProperty("remotePort")).isEqualTo(9000);
                assertThat(e.getProperty("connectId")).isEqualTo(id);
            });

            // contexts: deactivate and activate again by command
            probe.publish(o.prefix() + "cmd/contexts", "{\"requestId\":\"c1\",\"action\":\"deactivate\",\"contextId\":1}");
            assertThat(probe.await(o.prefix() + "reply/c1").json().get("ok").getAsBoolean()).isTrue();
            probe.publish(o.prefix() + "cmd/contexts", "{\"requestId\":\"c2\",\"action\":\"activate\",\"contextId\":1}");
            JsonObject activated = probe.await(o.prefix() + "reply/c2").json();
            assertThat(activated.get("ok").getAsBoolean()).as(activated.toString()).isTrue();
            JsonObject ctx = activated.getAsJsonObject("result").getAsJsonArray("contexts").get(0).getAsJsonObject();
            assertThat(ctx.get("active").getAsBoolean()).isTrue();
            assertThat(ctx.get("ipv4").getAsString()).isEqualTo("10.7.157.1");
        }
    }

    @Test
    void afterItsModemWentAndCameBackTheRelayOpensAndServesSocketsAgain() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("again");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relayOn(m, o, probe);
        relay.removeModem("modem", m.modem, "Modem service unregistered");
        relay.addModem("modem", m.modem, "UP");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        JsonObject opened = command(probe, o, "open", "{\"requestId\":\"l1\",\"serviceType\":\"TCP LISTENER\","
                + "\"localPort\":" + port + "}");
        assertThat(opened.get("ok").getAsBoolean()).as(opened.toString()).isTrue();
        try (java.net.Socket peer = new java.net.Socket()) {
            peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            peer.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            // the listener's reader accepted the connection and relays its bytes
            MqttProbe.Received rx = probe.await(x -> x.topic().endsWith("/rx") && x.text().equals("hi"));
            assertThat(rx.topic()).matches(java.util.regex.Pattern.quote(o.prefix()) + "socket/\\d+/rx");
        }
    }
}
