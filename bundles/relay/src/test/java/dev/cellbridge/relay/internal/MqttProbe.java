package dev.cellbridge.relay.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A test's MQTT client: records every message on its subscriptions and publishes commands. */
final class MqttProbe implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** One received message. */
    record Received(String topic, byte[] payload, boolean retained, int qos) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return JsonParser.parseString(text()).getAsJsonObject();
        }
    }

    final List<Received> messages = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    /** Subscribes to {@code filter}; with a persistent session (clean session off) that survives broker restarts. */
    MqttProbe(String url, String clientId, String filter, int qos, boolean persistent) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(!persistent);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(200);
        o.setMaxInflight(1000);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect && !persistent) {
                    try {
                        client.subscribe(filter, qos);
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                messages.add(new Received(topic, message.getPayload(), message.isRetained(), message.getQos()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(o);
        client.subscribe(filter, qos);
    }

    boolean connected() {
        return client.isConnected();
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The first message matching, waiting for it. */
    Received await(Predicate<Received> p) {
        return Awaitility.await().atMost(WAIT).until(() -> find(p), r -> r != null);
    }

    Received await(String topic) {
        return await(r -> r.topic().equals(topic));
    }

    private Received find(Predicate<Received> p) {
        for (Received r : messages) {
            if (p.test(r)) {
                return r;
            }
        }
        return null;
    }

    List<Received> on(String topic) {
        List<Received> l = new ArrayList<>();
        for (Received r : messages) {
            if (r.topic().equals(topic)) {
                l.add(r);
            }
        }
        return l;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the test is over
        }
    }
}
