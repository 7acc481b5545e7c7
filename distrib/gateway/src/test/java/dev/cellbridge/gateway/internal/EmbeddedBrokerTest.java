package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.moquette.broker.config.IConfig;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The broker a missing --mqtt runs in the launcher: loopback only, relays between clients, reports, stops. */
class EmbeddedBrokerTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void relaysBetweenClientsReportsEachPublicationAndFreesItsPortWhenClosed() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        EmbeddedBroker broker = EmbeddedBroker.start((topic, payload) -> seen.add(MqttLine.of(topic, payload)));
        int port = broker.port();
        try {
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(broker.describe()).isEqualTo("embedded MQTT broker on tcp://127.0.0.1:" + port);

            List<String> received = new CopyOnWriteArrayList<>();
            MqttClient subscriber = new MqttClient(broker.url(), "sub", new MemoryPersistence());
            MqttClient publisher = new MqttClient(broker.url(), "pub", new MemoryPersistence());
            try {
                subscriber.connect(new MqttConnectOptions());
                subscriber.subscribe("cellbridge/#", 1, (topic, message) ->
                    received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8)));
                publisher.connect(new MqttConnectOptions());
                publisher.publish("cellbridge/gw/state", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), 1, true);
                publisher.publish("cellbridge/gw/socket/0/rx", new MqttMessage(new byte[] {0, 1, 2, (byte) 0xff}));

                await().atMost(WAIT).until(() -> received.size() == 2);
                assertThat(received).containsExactly("cellbridge/gw/state={\"online\":true}",
                    "cellbridge/gw/socket/0/rx="
                        + new String(new byte[] {0, 1, 2, (byte) 0xff}, StandardCharsets.UTF_8));
                await().atMost(WAIT).until(() -> seen.size() == 2);
                assertThat(seen).containsExactlyInAnyOrder("mqtt cellbridge/gw/state {\"online\":true}",
                    "mqtt cellbridge/gw/socket/0/rx (4 bytes)");

                // retained: a late subscriber gets the state
                List<String> late = new CopyOnWriteArrayList<>();
                MqttClient lateSubscriber = new MqttClient(broker.url(), "late", new MemoryPersistence());
                lateSubscriber.connect(new MqttConnectOptions());
                lateSubscriber.subscribe("cellbridge/+/state", 1, (topic, message) -> late.add(topic));
                await().atMost(WAIT).until(() -> late.contains("cellbridge/gw/state"));
                lateSubscriber.disconnect();
                lateSubscriber.close();
            } finally {
                for (MqttClient client : List.of(publisher, subscriber)) {
                    if (client.isConnected()) {
                        client.disconnectForcibly(1000);
                    }
                    client.close();
                }
            }
            // bound to loopback only: not reachable on another local address of this machine
            for (InetAddress address : InetAddress.getAllByName(InetAddress.getLocalHost().getHostName())) {
                if (!address.isLoopbackAddress()) {
                    assertThatThrownBy(() -> new Socket(address, port).close()).isInstanceOf(ConnectException.class);
                }
            }
        } finally {
            broker.close();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
            .as("the port is closed once the broker stopped").isInstanceOf(ConnectException.class);
    }

    /** Moquette 0.17 reports usage to a server of its authors unless told not to; the gateway's broker never does. */
    @Test
    void listensOnLoopbackOnlyInMemoryAndReportsNothingToMoquettesTelemetry() {
        IConfig config = EmbeddedBroker.config(1883);
        assertThat(config.boolProp(IConfig.ENABLE_TELEMETRY_NAME, true)).isFalse();
        assertThat(config.boolProp(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, true)).isFalse();
        assertThat(config.getProperty(IConfig.HOST_PROPERTY_NAME)).isEqualTo("127.0.0.1");
        assertThat(config.getProperty(IConfig.PORT_PROPERTY_NAME)).isEqualTo("1883");
        assertThat(config.getProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME))
            .isEqualTo("disabled");
    }

    @Test
    void linesShowTextPayloadsCutLongOnesAndCountBinaryOnes() {
        assertThat(MqttLine.of("a/b", "hello".getBytes(StandardCharsets.UTF_8))).isEqualTo("mqtt a/b hello");
        assertThat(MqttLine.summary(new byte[0])).isEqualTo("(empty)");
        assertThat(MqttLine.summary("line\r\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("(6 bytes)");
        assertThat(MqttLine.summary(new byte[] {(byte) 0xc3, (byte) 0x28})).isEqualTo("(2 bytes)");
        String longText = "x".repeat(MqttLine.MAX_TEXT + 5);
        assertThat(MqttLine.summary(longText.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("x".repeat(MqttLine.MAX_TEXT) + "... (" + (MqttLine.MAX_TEXT + 5) + " bytes)");
    }
}
