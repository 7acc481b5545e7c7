package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.util.List;
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

    @Test
    void aConnectIdTheModuleGivesOutAgainReplacesTheStaleSocketClosingAndReportingIt() throws Exception {
        // the module knows best which IDs are free: a stale entry (its end not yet noticed) is closed and reported
        List<String> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<java.util.concurrent.atomic.AtomicBoolean> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.cellbridge.cellular.Modem modem = (dev.cellbridge.cellular.Modem) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {dev.cellbridge.cellular.Modem.class}, (p, method, args) -> {
                    if (!method.getName().equals("open")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    java.util.concurrent.atomic.AtomicBoolean flag = new java.util.concurrent.atomic.AtomicBoolean();
                    closed.add(flag);
                    return socket((SocketSpec) args[0], flag);
                });
        try (RelaySockets sockets = new RelaySockets("modem", new RelaySockets.Listener() {
            @Override
            public void data(int connectId, byte[] data, String remoteIp, int remotePort) {
            }

            @Override
            public void state(int connectId, String serviceType, String state) {
                states.add(connectId + " " + state);
            }
        })) {
            SocketSpec spec = SocketSpec.tcp(1, SimModem.REMOTE, SimModem.REMOTE_PORT);
            dev.cellbridge.cellular.ModemSocket first = sockets.open(modem, spec, true);
            dev.cellbridge.cellular.ModemSocket second = sockets.open(modem, spec, true);
            assertThat(states).containsExactly("0 OPEN", "0 CLOSED", "0 OPEN");
            assertThat(closed.get(0)).isTrue();
            assertThat(closed.get(1)).isFalse();
            assertThat(sockets.list()).containsExactly(second).doesNotContain(first);
        }
        assertThat(closed.get(1)).isTrue();
    }

    /** A TCP socket with connectID 0 that only knows whether it was closed. */
    private static dev.cellbridge.cellular.ModemSocket socket(SocketSpec spec,
            java.util.concurrent.atomic.AtomicBoolean closed) {
        return (dev.cellbridge.cellular.ModemSocket) Proxy.newProxyInstance(RelaySocketsLifecycleTest.class
                .getClassLoader(), new Class<?>[] {dev.cellbridge.cellular.ModemSocket.class}, (p, method, args) ->
                switch (method.getName()) {
                    case "connectId" -> 0;
                    case "serviceType" -> dev.cellbridge.cellular.ServiceType.TCP;
                    case "spec" -> spec;
                    case "isClosed" -> closed.get();
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "socket 0";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
