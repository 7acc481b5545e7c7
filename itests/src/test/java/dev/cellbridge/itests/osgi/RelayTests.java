package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.cellbridge.itests.Mosquitto;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;

/**
 * The relay bundle in a real framework, configured through ConfigurationAdmin: a modem on an in-test simulator, PDP
 * context 1 and the relay on a real Mosquitto the test starts on a free loopback port. URCs injected into the
 * simulator appear on EventAdmin (a test EventHandler) and on MQTT (a Paho subscriber of the test); a fleet command
 * opens a socket through the module to a loopback echo peer and the echo of a {@code send} comes back on
 * {@code socket/<id>/rx}. One subclass per runtime; plain JUnit 4 assertions, as in {@link OsgiSmokeTests}.
 */
public abstract class RelayTests {

    static final String MODEM_PID = "dev.cellbridge.cellular.modem";
    static final String CONTEXT_PID = "dev.cellbridge.cellular.context";
    static final String RELAY_PID = "dev.cellbridge.relay";
    static final String PREFIX = "itest/gw/";
    static final long TIMEOUT_MS = 30_000;

    /** The seed's remote server, routed by the simulator to a loopback echo server of the test. */
    static final String REMOTE = "220.180.239.212";
    static final int REMOTE_PORT = 8009;

    @Inject
    protected BundleContext context;

    /** One MQTT message the test's subscriber received. */
    private static final class Received {
        final String topic;
        final byte[] payload;

        Received(String topic, byte[] payload) {
            this.topic = topic;
            this.payload = payload;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    @Test
    public void urcsReachEventAdminAndMqttAndAFleetCommandGetsTheEchoOnRx() throws Exception {
        Path dir = Files.createTempDirectory("cellbridge-relay-it");
        List<Configuration> created = new ArrayList<>();
        List<Event> events = new CopyOnWriteArrayList<>();
        List<Received> messages = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> handler = null;
        MqttClient subscriber = null;
        Mosquitto mosquitto = null;
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0)
                    .route(REMOTE + ":" + REMOTE_PORT + "=127.0.0.1:" + echo.getLocalPort()).build())) {
            Thread echoThread = startEcho(echo);
            mosquitto = Mosquitto.start(dir);
            String brokerUrl = mosquitto.url();

            Hashtable<String, Object> handlerProperties = new Hashtable<>();
            handlerProperties.put(EventConstants.EVENT_TOPIC, new String[] {"dev/cellbridge/*"});
            handler = context.registerService(EventHandler.class, events::add, handlerProperties);

            subscriber = new MqttClient(brokerUrl, "itest-subscriber", new MemoryPersistence());
            subscriber.connect(new MqttConnectOptions());
            subscriber.subscribe(PREFIX + "#", 1,
                (topic, message) -> messages.add(new Received(topic, message.getPayload())));

            ConfigurationAdmin admin = service(ConfigurationAdmin.class);
            Configuration modem = admin.getConfiguration(MODEM_PID, null);
            created.add(modem);
            modem.update(new Hashtable<>(Map.of("link.uri", "tcp://127.0.0.1:" + sim.port())));
            Configuration contextConfig = admin.createFactoryConfiguration(CONTEXT_PID, null);
            created.add(contextConfig);
            contextConfig.update(new Hashtable<>(Map.of("context.id", 1, "apn", "UNINET")));
            Configuration relay = admin.getConfiguration(RELAY_PID, null);
            created.add(relay);
            relay.update(new Hashtable<>(Map.of("broker.url", brokerUrl, "device.id", "gw", "topic.prefix", PREFIX,
                "outbox.dir", dir.resolve("outbox").toString(), "reconnect.min.ms", 100)));

            // the relay's service, then context 1 ACTIVE on EventAdmin and in the retained state
            awaitService("(&(objectClass=dev.cellbridge.relay.RelayService)(cellbridge.configurable=true)"
                + "(service.pid=" + RELAY_PID + "))");
            Event active = awaitEvent(events, "dev/cellbridge/context/STATE",
                e -> Integer.valueOf(1).equals(e.getProperty("contextId")) && "ACTIVE".equals(e.getProperty("state")));
            assertEquals("modem", active.getProperty("modem"));
            assertEquals("10.7.157.1", active.getProperty("ipv4"));
            awaitMessage(messages, PREFIX + "state", m -> m.text().contains("\"online\":true")
                && m.text().contains("\"state\":\"ACTIVE\""));

            // a fleet command opens a socket through the module to the echo peer; send gets the echo on rx
            subscriber.publish(PREFIX + "cmd/open", json("{\"requestId\":\"o1\",\"serviceType\":\"TCP\",\"host\":\""
                + REMOTE + "\",\"port\":" + REMOTE_PORT + "}"), 1, false);
            Received opened = awaitMessage(messages, PREFIX + "reply/o1", m -> true);
            assertTrue(opened.text(), opened.text().contains("\"ok\":true"));
            int connectId = Integer.parseInt(field(opened.text(), "connectId"));
            subscriber.publish(PREFIX + "cmd/send", json("{\"requestId\":\"s1\",\"connectId\":" + connectId
                + ",\"text\":\"hello through the module\"}"), 1, false);
            Received sent = awaitMessage(messages, PREFIX + "reply/s1", m -> true);
            assertTrue(sent.text(), sent.text().contains("\"ok\":true") && sent.text().contains("\"bytes\":24"));
            byte[] expected = "hello through the module".getBytes(StandardCharsets.UTF_8);
            String rx = PREFIX + "socket/" + connectId + "/rx";
            assertArrayEquals("the echo on " + rx, expected, poll(() -> {
                byte[] all = concat(messages.stream().filter(m -> m.topic.equals(rx)).map(m -> m.payload));
                return all.length >= expected.length ? all : null;
            }));
            // ... and on EventAdmin as socket data
            assertArrayEquals("the echo on EventAdmin", expected, poll(() -> {
                byte[] all = concat(events.stream().filter(e -> e.getTopic().equals("dev/cellbridge/socket/DATA")
                    && Integer.valueOf(connectId).equals(e.getProperty("connectId")))
                    .map(e -> (byte[]) e.getProperty("data")));
                return all.length >= expected.length ? all : null;
            }));

            // URCs injected into the simulator: the peer closes the socket, the network deactivates context 1
            sim.remoteClose(connectId);
            Event closed = awaitEvent(events, "dev/cellbridge/urc/CLOSED",
                e -> Integer.valueOf(connectId).equals(e.getProperty("connectId")));
            assertEquals("+QIURC: \"closed\"," + connectId, closed.getProperty("urc"));
            assertEquals("modem", closed.getProperty("modem"));
            Received closedMqtt = awaitMessage(messages, PREFIX + "urc/CLOSED", m -> true);
            assertEquals(String.valueOf(connectId), field(closedMqtt.text(), "connectId"));
            assertTrue(closedMqtt.text(), closedMqtt.text().contains("\"name\":\"CLOSED\""));
            awaitEvent(events, "dev/cellbridge/socket/STATE",
                e -> Integer.valueOf(connectId).equals(e.getProperty("connectId"))
                    && "CLOSED".equals(e.getProperty("state")));

            sim.pdpDeact(1);
            Event deactivated = awaitEvent(events, "dev/cellbridge/urc/PDPDEACT", e -> true);
            assertEquals(1, deactivated.getProperty("contextId"));
            assertEquals("+QIURC: \"pdpdeact\",1", deactivated.getProperty("urc"));
            Received deactivatedMqtt = awaitMessage(messages, PREFIX + "urc/PDPDEACT", m -> true);
            assertEquals("1", field(deactivatedMqtt.text(), "contextId"));

            // deleting the relay's configuration: its goodbye is the retained offline state
            relay.delete();
            awaitMessage(messages, PREFIX + "state", m -> m.text().equals("{\"online\":false,\"deviceId\":\"gw\"}"));
            echo.close();
            echoThread.join(TIMEOUT_MS);
        } finally {
            for (Configuration configuration : created) {
                try {
                    configuration.delete();
                } catch (IllegalStateException e) {
                    // deleted by the test already
                }
            }
            if (subscriber != null) {
                if (subscriber.isConnected()) {
                    subscriber.disconnectForcibly(1000);
                }
                subscriber.close();
            }
            if (handler != null) {
                handler.unregister();
            }
            if (mosquitto != null) {
                mosquitto.close();
            }
            deleteTree(dir);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A top-level number field of a flat JSON text (enough for the replies checked here). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertTrue(name + " in " + json, matcher.find());
        return matcher.group(1);
    }

    private static byte[] concat(Stream<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static Event awaitEvent(List<Event> events, String topic, java.util.function.Predicate<Event> test)
        throws Exception {
        Event found = poll(() -> events.stream().filter(e -> e.getTopic().equals(topic) && test.test(e)).findFirst()
            .orElse(null));
        assertNotNull("an EventAdmin event on " + topic + " within " + TIMEOUT_MS + " ms; got " + describe(events),
            found);
        return found;
    }

    private static Received awaitMessage(List<Received> messages, String topic,
        java.util.function.Predicate<Received> test) throws Exception {
        Received found = poll(() -> messages.stream().filter(m -> m.topic.equals(topic) && test.test(m)).findFirst()
            .orElse(null));
        if (found == null) {
            StringBuilder got = new StringBuilder();
            messages.forEach(m -> got.append("\n  ").append(m.topic).append(' ').append(m.text()));
            fail("an MQTT message on " + topic + " within " + TIMEOUT_MS + " ms; got:" + got);
        }
        return found;
    }

    private static String describe(List<Event> events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            sb.append("\n  ").append(e.getTopic());
            for (String name : e.getPropertyNames()) {
                Object value = e.getProperty(name);
                if (!(value instanceof byte[])) {
                    sb.append(' ').append(name).append('=').append(value);
                }
            }
        }
        return sb.toString();
    }

    private void awaitService(String filter) throws Exception {
        Object found = poll(() -> context.getServiceReferences((String) null, filter));
        assertNotNull("a service matching " + filter + " within " + TIMEOUT_MS + " ms", found);
    }

    private static <T> T poll(Callable<T> probe) throws Exception {
        return Waits.poll(probe, TIMEOUT_MS);
    }

    /** Echoes every connection (one at a time) until the server socket is closed. */
    private static Thread startEcho(ServerSocket server) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket peer = server.accept(); InputStream in = peer.getInputStream();
                        OutputStream out = peer.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the peer or the test closed: accept the next one, or end with the server
                }
            }
        }, "itest-relay-echo");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        return Waits.service(context, type, TIMEOUT_MS);
    }
}
