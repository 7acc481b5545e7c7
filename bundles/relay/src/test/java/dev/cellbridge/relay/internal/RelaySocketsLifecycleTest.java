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
        Relay relay = relayOn(m, o, probe);
        JsonObject opened = command(probe, o, "open", openEcho("o1", ""));
        assertThat(opened.get("ok").getAsBoolean()).as(opened.toString()).isTrue();
        assertThat(command(probe, o, "open", openEcho("o2", ",\"rx\":\"hold\"")).get("ok").getAsBoolean()).isTrue();
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
        Relay relay = relayOn(m, o, probe);
        JsonObject opened = command(probe, o, "open", openEcho("h1", ",\"rx\":\"hold\""));
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
