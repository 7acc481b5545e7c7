package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.relay.RelayTopics;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/** The DS components' glue, driven as SCR would (bind, updated, activate, unbind) without a framework. */
class ComponentsTest extends RelayTestBase {

    private BundleContext bundleContext(Path data) {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getDataFile")) {
                        return data.resolve((String) args[0]).toFile();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void modemServicePropertiesAndUnregistrationBecomeModemStatesAndContextPropertiesContextStates() throws Exception {
        SimModem m = track(new SimModem("modem"));
        RelayComponent c = new RelayComponent();
        c.bindEventAdmin(eventAdmin);
        Map<String, Object> modemProps = new HashMap<>(Map.of("modem.name", "modem", "modem.state", "UP"));
        c.bindModem(m.modem, modemProps); // bound before activation, as SCR does
        c.activate(bundleContext(dir), Map.of("device.id", "gw/7", "broker.url", ""));
        track(c::deactivate);
        assertThat(c.topicPrefix()).isEqualTo("cellbridge/gw_7/");

        c.updatedModem(m.modem, Map.of("modem.name", "modem", "modem.state", "UNRESPONSIVE"));
        ManagedPdpContext ctx = () -> null;
        c.bindContext(ctx, Map.of("modem.name", "modem", "context.id", 1, "context.state", "ACTIVE", "context.ipv4",
                "10.7.157.1", "context.ipv6", ""));
        c.updatedContext(ctx, Map.of("modem.name", "modem", "context.id", 1, "context.state", "REACTIVATING",
                "context.ipv4", "", "context.ipv6", ""));
        c.unbindContext(ctx, Map.of());
        c.unbindModem(m.modem, Map.of("modem.name", "modem", "modem.state", "UNRESPONSIVE"));

        await(() -> eventAdmin.on(RelayTopics.MODEM_STATE).size() == 3
                && eventAdmin.on(RelayTopics.CONTEXT_STATE).size() == 3);
        assertThat(eventAdmin.on(RelayTopics.MODEM_STATE)).extracting(e -> e.getProperty("state"))
                .containsExactly("UP", "UNRESPONSIVE", "GONE");
        assertThat(eventAdmin.on(RelayTopics.MODEM_STATE).get(2).getProperty("reason"))
                .isEqualTo("Modem service unregistered");
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE)).extracting(e -> e.getProperty("state"))
                .containsExactly("ACTIVE", "REACTIVATING", "GONE");
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE).get(0).getProperty("ipv4")).isEqualTo("10.7.157.1");

        // while bound, the modem's URCs are relayed; once unbound, no longer
        m.sim.pdpDeact(1);
        Thread.sleep(300); // nothing may arrive; a wrong arrival would come within this
        assertThat(eventAdmin.on("dev/cellbridge/urc/PDPDEACT")).isEmpty();
    }

    @Test
    void aContextIsReportedUnderTheModemItsServiceNamesNeverUnderTheEmptyNameOfNoModem() throws Exception {
        // as the gateway saw it: the context service registers before its modem binds (modem.name ""), then
        // names the modem; the state kept a "modem":"" entry next to the real one
        SimModem m = track(new SimModem("modem"));
        RelayComponent c = new RelayComponent();
        c.bindEventAdmin(eventAdmin);
        c.bindModem(m.modem, Map.of("modem.name", "modem", "modem.state", "UP"));
        ManagedPdpContext ctx = () -> null;
        c.bindContext(ctx, context("", "INACTIVE", ""));
        c.activate(bundleContext(dir), Map.of("device.id", "gw8", "broker.url", ""));
        track(c::deactivate);
        c.updatedContext(ctx, context("modem", "ACTIVATING", ""));
        c.updatedContext(ctx, context("modem", "ACTIVE", "10.7.157.1"));

        await(() -> eventAdmin.on(RelayTopics.CONTEXT_STATE).size() == 2);
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE)).extracting(e -> e.getProperty("modem") + " "
                + e.getProperty("state")).containsExactly("modem ACTIVATING", "modem ACTIVE");
        com.google.gson.JsonArray contexts = c.relay().stateObject(true).getAsJsonArray("contexts");
        assertThat(contexts).hasSize(1);
        assertThat(contexts.get(0).getAsJsonObject().get("modem").getAsString()).isEqualTo("modem");
        assertThat(contexts.get(0).getAsJsonObject().get("ipv4").getAsString()).isEqualTo("10.7.157.1");

        // its modem unbound from it: the entry under "modem" is gone, none under "" appears
        c.updatedContext(ctx, context("", "INACTIVE", ""));
        await(() -> eventAdmin.on(RelayTopics.CONTEXT_STATE).size() == 3);
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE).get(2).getProperty("state")).isEqualTo("GONE");
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE).get(2).getProperty("modem")).isEqualTo("modem");
        await(() -> c.relay().stateObject(true).getAsJsonArray("contexts").isEmpty());
        // unbinding a context on no modem reports nothing
        c.unbindContext(ctx, Map.of());
        c.bindContext(() -> null, context("modem", "ACTIVE", "10.7.157.1"));
        await(() -> eventAdmin.on(RelayTopics.CONTEXT_STATE).size() == 4);
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE)).extracting(e -> e.getProperty("modem"))
                .doesNotContain("");
    }

    private static Map<String, Object> context(String modem, String state, String ipv4) {
        return Map.of("modem.name", modem, "context.id", 1, "context.state", state, "context.ipv4", ipv4,
                "context.ipv6", "");
    }

    @Test
    void relaySettingsHaveDefaultsDecodePasswordsAndNameTheAttributeOfAnError() {
        Path outbox = dir.resolve("o");
        RelayComponent.RelaySettings s = RelayComponent.RelaySettings.of(Map.of("device.id", "gw1", "password", "enc:pw",
                "trust.store.password", "enc:ts"), stored -> stored.substring(4), outbox);
        assertThat(s.options().prefix()).isEqualTo("cellbridge/gw1/");
        assertThat(s.options().qos()).isEqualTo(1);
        assertThat(s.options().atEnabled()).isFalse();
        assertThat(s.options().outboxDir()).isEqualTo(outbox);
        assertThat(s.mqtt().clientId()).isEqualTo("cellbridge-gw1");
        assertThat(s.mqtt().brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(s.mqtt().password()).isEqualTo("pw");
        assertThat(s.mqtt().trustStorePassword()).isEqualTo("ts");
        assertThat(s.mqtt().cleanSession()).isFalse();
        assertThat(s.mqtt().toString()).doesNotContain("pw").doesNotContain("enc:");

        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("qos", 3), null, outbox))
                .hasMessage("qos 3 is out of range 0–2");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("keepalive", "soon"), null, outbox))
                .hasMessage("keepalive must be an integer 0–65535: \"soon\"");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("password", "garbage"), stored -> {
            throw new IllegalArgumentException("bad " + stored);
        }, outbox)).hasMessage("password cannot be decoded (value not shown)");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("keepalive", 1.5), null, outbox))
                .hasMessage("keepalive must be an integer 0–65535: 1.5");
        assertThat(RelayComponent.RelaySettings.of(Map.of("keepalive", 45.0), null, outbox).mqtt().keepAliveSeconds())
                .isEqualTo(45);
        assertThat(RelayComponent.RelaySettings.of(Map.of("device.id", new String[] {"gw2"}), null, outbox).options()
                .deviceId()).isEqualTo("gw2");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("device.id", List.of("a", "b")), null, outbox))
                .hasMessage("device.id must be a single value, not a list of 2");
        assertThat(RelayComponent.RelaySettings.of(Map.of("at.allow", new String[] {"AT+CSQ", " "}, "at.enabled", "true"),
                null, outbox).options().atAllow()).containsExactly("AT+CSQ");
    }

    @Test
    void brokerUrlTopicPrefixAndClientIdAreCheckedNamingTheAttribute() {
        Path outbox = dir.resolve("o");
        for (String good : List.of("tcp://127.0.0.1:1883", "ssl://broker.example:8883", "tcp://[::1]:1883",
                "ws://broker.example:8080/mqtt", "wss://broker.example/mqtt", "tcp://broker")) {
            assertThat(RelayComponent.RelaySettings.of(Map.of("broker.url", good), null, outbox).mqtt().brokerUrl())
                    .isEqualTo(good);
        }
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("http://x", "broker.url must be tcp://, ssl://, ws:// or wss://host[:port]: http://x");
        bad.put("tcp:broker", "broker.url must be tcp://, ssl://, ws:// or wss://host[:port]: tcp:broker");
        bad.put("tcp://", "broker.url is not a URL (Expected authority): tcp://");
        bad.put("tcp://:1883", "broker.url names no host (or the host or port is malformed): tcp://:1883");
        bad.put("tcp://h:99999", "broker.url port 99999 is out of range 1–65535: tcp://h:99999");
        bad.put("tcp://h:1883/x", "broker.url: a tcp:// URL has nothing after host[:port]: tcp://h:1883/x");
        bad.put("ssl://h:8883?q", "broker.url: a ssl:// URL has nothing after host[:port]: ssl://h:8883?q");
        bad.put("tcp://u:secret@h:1883", "broker.url must not carry a user name or password (use the username and "
                + "password attributes)");
        bad.forEach((url, message) -> assertThatThrownBy(() -> RelayComponent.RelaySettings.of(
                Map.of("broker.url", url), null, outbox)).as(url).hasMessage(message));

        assertThat(RelayComponent.RelaySettings.of(Map.of("topic.prefix", "fleet/a"), null, outbox).options().prefix())
                .isEqualTo("fleet/a/");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("topic.prefix", "fleet/+/"), null, outbox))
                .hasMessage("topic.prefix must not contain the MQTT wildcards + or #: fleet/+/");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("topic.prefix", "fleet/#"), null, outbox))
                .hasMessage("topic.prefix must not contain the MQTT wildcards + or #: fleet/#");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("topic.prefix", "fleet//gw"), null, outbox))
                .hasMessage("topic.prefix must not have an empty level (a leading / or //): fleet//gw");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("topic.prefix", "/fleet"), null, outbox))
                .hasMessage("topic.prefix must not have an empty level (a leading / or //): /fleet");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("topic.prefix", "$SYS/x"), null, outbox))
                .hasMessage("topic.prefix must not start with $ (topics reserved for the broker): $SYS/x");
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("topic.prefix", "a".repeat(1024)), null,
                outbox)).hasMessage("topic.prefix is 1025 bytes long (UTF-8); at most 1024");

        assertThat(RelayComponent.RelaySettings.of(Map.of("client.id", "x".repeat(65_535)), null, outbox).mqtt()
                .clientId()).hasSize(65_535);
        assertThatThrownBy(() -> RelayComponent.RelaySettings.of(Map.of("client.id", "é".repeat(40_000)), null,
                outbox)).hasMessage("client.id is 80000 bytes long (UTF-8); MQTT allows at most 65535");
    }

    @Test
    void anOutboxDirectoryThatCannotBeWrittenRefusesTheRelayNamingTheAttribute() throws Exception {
        // decided: no relay without its disk queue (running without it would lose messages silently while the
        // broker is away); the configuration is refused until outbox.dir is fixed
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        RelayOptions o = new RelayOptions("gw9", "cellbridge/gw9/", 1, "modem", 100, file.resolve("outbox"), 100,
                false, 1024, false, List.of(), 1);
        assertThatThrownBy(() -> new Relay(o, null, () -> eventAdmin, null)).isInstanceOf(java.io.IOException.class)
                .hasMessage("outbox.dir " + file.resolve("outbox") + " is not a directory (" + file + " is a file)");

        RelayComponent c = new RelayComponent();
        c.activate(bundleContext(dir), Map.of("broker.url", "", "outbox.dir", file.resolve("outbox").toString()));
        track(c::deactivate);
        assertThat(c.relay()).isNull();
        assertThat(c.status().mqttConnected()).isFalse();
    }

    @Test
    void bridgeSettingsFromConfiguration() {
        BridgeSettings b = BridgeComponent.settings(Map.of("service.pid", "dev.cellbridge.relay.bridge.plc",
                "remote.host", "10.0.0.5", "remote.port", 502, "reopen.min.ms", 100, "reopen.max.ms", 1000));
        assertThat(b.name()).isEqualTo("plc");
        assertThat(BridgeComponent.settings(Map.of("service.pid", "dev.cellbridge.relay.bridge~echo", "remote.host", "h",
                "remote.port", 7)).name()).isEqualTo("echo");
        assertThat(BridgeComponent.settings(Map.of("service.pid", "dev.cellbridge.relay.bridge.123",
                "kura.service.pid", "plc line 2", "remote.host", "h", "remote.port", 7)).name()).isEqualTo("plc_line_2");
        assertThat(b.spec().serviceType()).isEqualTo(ServiceType.TCP);
        assertThat(b.spec().remotePort()).isEqualTo(502);
        BridgeSettings l = BridgeComponent.settings(Map.of("bridge.name", "srv", "service.type", "TCP LISTENER",
                "local.port", 9000));
        assertThat(l.spec().localPort()).isEqualTo(9000);
        assertThat(l.spec().remoteHost()).isEqualTo("127.0.0.1");
        assertThat(l.spec().accessMode()).isEqualTo(dev.cellbridge.cellular.AccessMode.BUFFER);
        // a UDP client is pushed unless configured otherwise: buffer mode would let the module join datagrams
        Map<String, Object> udp = Map.of("bridge.name", "u", "service.type", "UDP", "remote.host", "h",
                "remote.port", 7);
        assertThat(BridgeComponent.settings(udp).spec().accessMode())
                .isEqualTo(dev.cellbridge.cellular.AccessMode.DIRECT_PUSH);
        Map<String, Object> udpBuffered = new HashMap<>(udp);
        udpBuffered.put("access.mode", "buffer");
        assertThat(BridgeComponent.settings(udpBuffered).spec().accessMode())
                .isEqualTo(dev.cellbridge.cellular.AccessMode.BUFFER);
        assertThat(BridgeComponent.settings(Map.of("bridge.name", "s", "service.type", "UDP SERVICE", "local.port",
                9000, "access.mode", "auto")).spec().accessMode()).isEqualTo(dev.cellbridge.cellular.AccessMode.BUFFER);
        assertThatThrownBy(() -> BridgeComponent.settings(Map.of("bridge.name", "x")))
                .hasMessage("remote.host is required for a TCP client");
        assertThatThrownBy(() -> BridgeComponent.settings(Map.of("bridge.name", "a/b", "remote.host", "h",
                "remote.port", 1))).hasMessageStartingWith("bridge.name must be 1–64 characters");
        assertThatThrownBy(() -> BridgeComponent.settings(Map.of("remote.host", "h", "remote.port", 1,
                "service.type", "SCTP"))).hasMessage("unknown service_type \"SCTP\"");
    }

    @Test
    void kuraSinkTurnsEachMessageIntoAKuraPayloadWithMetricsAndBody() throws Exception {
        List<org.eclipse.kura.cloudconnection.message.KuraMessage> sent = new java.util.ArrayList<>();
        org.eclipse.kura.cloudconnection.publisher.CloudPublisher publisher =
                (org.eclipse.kura.cloudconnection.publisher.CloudPublisher) Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {org.eclipse.kura.cloudconnection.publisher.CloudPublisher.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("publish")) {
                                sent.add((org.eclipse.kura.cloudconnection.message.KuraMessage) args[0]);
                                return "id-" + sent.size();
                            }
                            return null;
                        });
        KuraCloudSink sink = new KuraCloudSink(publisher);
        byte[] json = "{\"modem\":\"modem\",\"name\":\"CLOSED\",\"connectId\":3,\"ok\":true,\"x\":1.5,\"a\":[1]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sink.publish("urc/CLOSED", json, 1, false, "application/json");
        sink.publish("socket/0/rx", new byte[] {1, 2, 3}, 1, false, "application/octet-stream");

        org.eclipse.kura.message.KuraPayload p = sent.get(0).getPayload();
        assertThat(p.getBody()).isEqualTo(json);
        assertThat(p.getTimestamp()).isNotNull();
        assertThat(p.metrics()).containsEntry("topic", "urc/CLOSED").containsEntry("modem", "modem")
                .containsEntry("connectId", 3L).containsEntry("ok", true).containsEntry("x", 1.5)
                .doesNotContainKey("a");
        assertThat(sent.get(0).getProperties()).containsEntry("topic", "urc/CLOSED").containsEntry("qos", 1)
                .containsEntry("retained", false);
        org.eclipse.kura.message.KuraPayload raw = sent.get(1).getPayload();
        assertThat(raw.getBody()).containsExactly(1, 2, 3);
        assertThat(raw.metrics()).containsEntry("topic", "socket/0/rx").containsEntry("bytes", 3);
    }

    @Test
    void relayComponentClassNamesNoKuraType() {
        // what lets the relay load where org.eclipse.kura.* is absent: only KuraCloudSink mentions Kura
        for (Class<?> type : List.of(RelayComponent.class, Relay.class, BridgeComponent.class, CloudForwarder.class)) {
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                for (Class<?> p : method.getParameterTypes()) {
                    assertThat(p.getName()).as(type + "." + method.getName()).doesNotStartWith("org.eclipse.kura");
                }
                assertThat(method.getReturnType().getName()).doesNotStartWith("org.eclipse.kura");
            }
            for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                assertThat(f.getType().getName()).as(type + "." + f.getName()).doesNotStartWith("org.eclipse.kura");
            }
        }
    }
}
