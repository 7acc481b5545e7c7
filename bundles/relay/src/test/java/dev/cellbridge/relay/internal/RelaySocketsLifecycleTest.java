package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Sockets opened by fleet commands never outlive the relay, nor a module that forgot them. */
class RelaySocketsLifecycleTest extends RelayTestBase {

    @Test
    void theRelayClosesItsSocketsWhenItStopsAndOneOpenedWhileItStopsIsClosedAgain() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("life1");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relay(o, null, probe);
        relay.addModem("modem", m.modem, "UP");
        probe.publish(o.prefix() + "cmd/open", "{\"requestId\":\"o1\",\"serviceType\":\"TCP\",\"host\":\""
                + SimModem.REMOTE + "\",\"port\":" + SimModem.REMOTE_PORT + "}");
        JsonObject opened = probe.await(o.prefix() + "reply/o1").json();
        assertThat(opened.get("ok").getAsBoolean()).as(opened.toString()).isTrue();
        probe.publish(o.prefix() + "cmd/open", "{\"requestId\":\"o2\",\"serviceType\":\"TCP\",\"host\":\""
                + SimModem.REMOTE + "\",\"port\":" + SimModem.REMOTE_PORT + ",\"rx\":\"hold\"}");
        assertThat(probe.await(o.prefix() + "reply/o2").json().get("ok").getAsBoolean()).isTrue();
        assertThat(m.modem.socketStates()).hasSize(2);

        relay.close();
        assertThat(m.modem.socketStates()).isEmpty();
        await(() -> m.echo.connections().stream().allMatch(Socket::isClosed));

        // an open that completes after the relay stopped (it may wait 150 s for +QIOPEN) is closed at once
        assertThatThrownBy(() -> relay.sockets().open(m.modem,
                SocketSpec.tcp(1, SimModem.REMOTE, SimModem.REMOTE_PORT), false))
                .isInstanceOf(IOException.class).hasMessageMatching("the relay is stopping: connectId \\d+ closed again");
        assertThat(m.modem.socketStates()).isEmpty();
        assertThat(relay.sockets().list()).isEmpty();
    }

    @Test
    void aHoldSocketTheModuleForgotAtARestartLeavesTheRelay() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayOptions o = options("life2");
        MqttProbe probe = probe(o.prefix() + "#");
        Relay relay = relay(o, null, probe);
        relay.addModem("modem", m.modem, "UP");
        probe.publish(o.prefix() + "cmd/open", "{\"requestId\":\"h1\",\"serviceType\":\"TCP\",\"host\":\""
                + SimModem.REMOTE + "\",\"port\":" + SimModem.REMOTE_PORT + ",\"rx\":\"hold\"}");
        JsonObject opened = probe.await(o.prefix() + "reply/h1").json();
        assertThat(opened.get("ok").getAsBoolean()).as(opened.toString()).isTrue();
        int id = opened.getAsJsonObject("result").get("connectId").getAsInt();
        assertThat(relay.sockets().owns(id)).isTrue();

        // RDY: the module lost every socket; a hold socket has no reader to notice, its writer does
        m.sim.reboot();
        await(() -> !relay.sockets().owns(id));
        await(() -> eventAdmin.on(dev.cellbridge.relay.RelayTopics.SOCKET_STATE).stream()
                .anyMatch(e -> e.getProperty("state").equals("CLOSED") && e.getProperty("connectId").equals(id)));
    }
}
