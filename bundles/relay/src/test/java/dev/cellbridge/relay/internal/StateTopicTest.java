package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The retained {@code state}: online with modems while running, offline by the Will or on an orderly stop. */
class StateTopicTest extends RelayTestBase {

    @Test
    void stateIsRetainedOnlineTheWillSaysOfflineWhenTheConnectionDiesAndTheRelayComesBack() throws Exception {
        RelayOptions o = options("state1");
        MqttSettings settings = mqtt(o, true);
        Relay relay = track(new Relay(o, settings, () -> eventAdmin, null));
        relay.modemState("modem", "UP", "registered");
        MqttProbe live = probe(o.prefix() + "state");
        live.await(m -> m.json().getAsJsonArray("modems").size() == 1);

        // a late subscriber gets the retained state at once
        MqttProbe late = probe(o.prefix() + "state");
        MqttProbe.Received retained = late.await(o.prefix() + "state");
        assertThat(retained.retained()).isTrue();
        JsonObject s = retained.json();
        assertThat(s.get("online").getAsBoolean()).isTrue();
        assertThat(s.get("deviceId").getAsString()).isEqualTo("state1");
        assertThat(s.getAsJsonArray("modems").get(0).getAsJsonObject().get("state").getAsString()).isEqualTo("UP");
        assertThat(s.getAsJsonObject("relay").get("eventsDropped").getAsLong()).isZero();
        assertThat(s.getAsJsonObject("relay").get("outboxDropped").getAsLong()).isZero();

        // another client taking over the relay's client id cuts its connection uncleanly: the broker sends the Will
        MqttClient intruder = new MqttClient(broker.url(), settings.clientId(), new MemoryPersistence());
        MqttConnectOptions opts = new MqttConnectOptions();
        opts.setCleanSession(true);
        intruder.connect(opts);
        intruder.disconnect();
        intruder.close();
        MqttProbe.Received will = live.await(m -> !m.json().get("online").getAsBoolean());
        assertThat(will.json().get("deviceId").getAsString()).isEqualTo("state1");
        assertThat(will.json().has("modems")).isFalse();
        // the relay reconnects and says online again
        int seen = live.messages.indexOf(will);
        live.await(m -> live.messages.indexOf(m) > seen && m.json().get("online").getAsBoolean());

        relay.close();
        MqttProbe after = probe(o.prefix() + "state");
        assertThat(after.await(o.prefix() + "state").json().get("online").getAsBoolean()).isFalse();
    }
}
