package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.CellularEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * QoS 1 across a broker restart: at least once. Nothing is lost; a message whose PUBACK the cut swallowed may come
 * twice, with the same {@code seq}, so a consumer that drops repeated seqs sees every URC once and in order.
 */
class BrokerRestartQos1Test extends RelayTestBase {

    private static final int URCS = 300;

    @Test
    void qos1LosesNothingAndEveryDuplicateCarriesTheSameSeq() throws Exception {
        RelayOptions o = options("restart1");
        MqttProbe probe = track(new MqttProbe(broker.url(), unique("cloud1"), o.prefix() + "urc/#", 1, true));
        Relay relay = track(new Relay(o, mqtt(o, false), () -> eventAdmin, null));
        await(() -> relay.status().mqttConnected());
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < URCS; i++) {
                relay.inject("modem", new CellularEvent.Other("+TICK: " + i));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-feeder-qos1");
        feeder.start();
        await(() -> probe.on(o.prefix() + "urc/OTHER").size() >= URCS / 4);
        broker.stop();
        broker.start();
        feeder.join(60_000);
        await(() -> relay.status().outboxQueued() == 0);
        await(() -> distinctSeqs(probe.on(o.prefix() + "urc/OTHER")).size() == URCS);

        List<MqttProbe.Received> all = probe.on(o.prefix() + "urc/OTHER");
        java.util.Map<Long, String> firstSeen = new java.util.HashMap<>();
        int next = 0;
        for (MqttProbe.Received r : all) {
            long seq = r.json().get("seq").getAsLong();
            String urc = r.json().get("urc").getAsString();
            String before = firstSeen.putIfAbsent(seq, urc);
            if (before == null) { // first time: in order, nothing skipped
                assertThat(urc).isEqualTo("+TICK: " + next++);
            } else { // a repeat is the same message
                assertThat(urc).isEqualTo(before);
            }
        }
        assertThat(next).isEqualTo(URCS);
        assertThat(all.size() - URCS).as("duplicates").isLessThanOrEqualTo(MqttLink.WINDOW);
    }

    private static Set<Long> distinctSeqs(List<MqttProbe.Received> messages) {
        Set<Long> s = new LinkedHashSet<>();
        messages.forEach(m -> s.add(m.json().get("seq").getAsLong()));
        return s;
    }
}
