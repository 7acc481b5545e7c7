package dev.cellbridge.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One Mosquitto per test class; relays, probes and simulated modems per test, all closed after it. */
abstract class RelayTestBase {

    static final Duration WAIT = MqttProbe.WAIT;
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path brokerDir;
    static Mosquitto broker;

    @TempDir
    Path dir;
    final RecordingEventAdmin eventAdmin = new RecordingEventAdmin();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws IOException {
        broker = new Mosquitto(brokerDir);
    }

    @AfterAll
    static void stopBrokerAndCheckThreads() {
        if (broker != null) {
            broker.close();
        }
        // every relay, bridge and socket thread ended with what owned it
        Awaitility.await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("cellbridge-relay")
                        || t.getName().startsWith("cellbridge-bridge"))));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    <T extends AutoCloseable> T track(T t) {
        closeables.add(t);
        return t;
    }

    static String unique(String what) {
        return what + "-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    }

    RelayOptions options(String deviceId) {
        return RelayOptions.defaults(deviceId, dir.resolve("outbox-" + deviceId));
    }

    MqttSettings mqtt(RelayOptions o, boolean cleanSession) {
        return new MqttSettings(broker.url(), unique("relay"), "", "", "", "", o.qos(), cleanSession, 30, o.prefix(),
                Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** A relay connected to the broker (its retained state seen online by the probe). */
    Relay relay(RelayOptions o, ConfigStore configs, MqttProbe probe) throws IOException {
        Relay r = track(new Relay(o, mqtt(o, true), () -> eventAdmin, configs));
        probe.await(m -> m.topic().equals(o.prefix() + "state") && m.json().get("online").getAsBoolean());
        return r;
    }

    /** A relay connected to the broker that follows the simulated modem (as "modem", UP). */
    Relay relayOn(SimModem m, RelayOptions o, MqttProbe probe) throws IOException {
        Relay r = relay(o, null, probe);
        r.addModem("modem", m.modem, "UP");
        return r;
    }

    /** Publishes {@code cmd/<op>} with a JSON body and returns the reply to its requestId. */
    static com.google.gson.JsonObject command(MqttProbe probe, RelayOptions o, String op, String body)
            throws MqttException {
        String requestId = com.google.gson.JsonParser.parseString(body).getAsJsonObject().get("requestId")
                .getAsString();
        probe.publish(o.prefix() + "cmd/" + op, body);
        return probe.await(o.prefix() + "reply/" + requestId).json();
    }

    /** The body of an {@code open} of a TCP client to the simulator's echo, with more fields if given. */
    static String openEcho(String requestId, String moreFields) {
        return "{\"requestId\":\"" + requestId + "\",\"serviceType\":\"TCP\",\"host\":\"" + SimModem.REMOTE
                + "\",\"port\":" + SimModem.REMOTE_PORT + moreFields + "}";
    }

    MqttProbe probe(String filter) throws MqttException {
        return track(new MqttProbe(broker.url(), unique("probe"), filter, 1, false));
    }

    static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(WAIT).until(condition);
    }
}
