package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.relay.RelayTopics;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** A slow EventAdmin never blocks the producer; a full queue drops, counts and says so in state. No broker needed. */
class EventQueueTest extends RelayTestBase {

    @Test
    void aBlockedEventAdminNeitherBlocksTheDispatcherNorLosesEventsWhileTheQueueHasRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingEventAdmin slow = new RecordingEventAdmin() {
            @Override
            public void postEvent(Event event) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.postEvent(event);
            }
        };
        RelayOptions o = options("q1").withEventQueue(100);
        Relay relay = track(new Relay(o, null, () -> slow, null));
        for (int i = 0; i < 50; i++) {
            relay.inject("modem", new CellularEvent.Closed("+QIURC: \"closed\"," + (i % 12), i % 12));
        }
        // all 50 offered while EventAdmin is stuck: the producer returned each time
        assertThat(relay.status().eventsDropped()).isZero();
        release.countDown();
        await(() -> slow.posted.size() == 50);
        for (int i = 0; i < 50; i++) {
            assertThat(slow.posted.get(i).getProperty(RelayTopics.CONNECT_ID)).isEqualTo(i % 12);
        }
        // without a broker everything waits in the disk queue
        await(() -> relay.status().outboxQueued() == 50);
    }

    @Test
    void aFullQueueDropsCountsAndSaysSoInTheState() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        EventAdmin stuck = new RecordingEventAdmin() {
            @Override
            public void postEvent(Event event) {
                first.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.postEvent(event);
            }
        };
        RelayOptions o = options("q2").withEventQueue(4);
        Relay relay = track(new Relay(o, null, () -> stuck, null));
        relay.inject("modem", new CellularEvent.Other("+FIRST"));
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue(); // the event thread holds it
        for (int i = 0; i < 10; i++) {
            relay.inject("modem", new CellularEvent.Other("+X: " + i));
        }
        assertThat(relay.status().eventsDropped()).isEqualTo(6);
        release.countDown();
        await(() -> relay.status().eventsPosted() == 5);
        assertThat(relay.stateObject(true).getAsJsonObject("relay").get("eventsDropped").getAsLong()).isEqualTo(6);
    }

    @Test
    void modemAndContextStatesArePostedOncePerChangeAndGoneEndsThem() throws Exception {
        RelayOptions o = options("q3");
        Relay relay = track(new Relay(o, null, () -> eventAdmin, null));
        relay.modemState("m1", "UP", "registered");
        relay.modemState("m1", "UP", "registered");
        relay.modemState("m1", "UNRESPONSIVE", "no answer to AT for 30 s");
        relay.contextState("m1", 1, "ACTIVE", "10.7.157.1", null);
        relay.contextState("m1", 1, "ACTIVE", "10.7.157.1", "");
        relay.contextState("m1", 1, "REACTIVATING", "", "");
        relay.modemState("m1", "GONE", "link closed");
        await(() -> eventAdmin.on(RelayTopics.MODEM_STATE).size() == 3);
        assertThat(eventAdmin.on(RelayTopics.MODEM_STATE)).extracting(e -> e.getProperty("state"))
                .containsExactly("UP", "UNRESPONSIVE", "GONE");
        assertThat(eventAdmin.on(RelayTopics.MODEM_STATE).get(1).getProperty("reason"))
                .isEqualTo("no answer to AT for 30 s");
        assertThat(eventAdmin.on(RelayTopics.CONTEXT_STATE)).extracting(e -> e.getProperty("state"))
                .containsExactly("ACTIVE", "REACTIVATING");
        Event active = eventAdmin.on(RelayTopics.CONTEXT_STATE).get(0);
        assertThat(active.getProperty("modem")).isEqualTo("m1");
        assertThat(active.getProperty("contextId")).isEqualTo(1);
        assertThat(active.getProperty("ipv4")).isEqualTo("10.7.157.1");
        assertThat(active.getProperty("ipv6")).isEqualTo("");
        assertThat(relay.stateObject(true).getAsJsonArray("modems")).isEmpty();
        assertThat(relay.stateObject(true).getAsJsonArray("contexts")).isEmpty();
    }

    @Test
    void aPushedRecvUrcCarriesItsLengthNotItsBytes() throws Exception {
        Relay relay = track(new Relay(options("q4"), null, () -> eventAdmin, null));
        relay.inject("modem", new CellularEvent.Recv("+QIURC: \"recv\",2,5", 2, 5, "hello".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII), "10.0.0.9", 7000));
        relay.inject("modem", new CellularEvent.Recv("+QIURC: \"recv\",3", 3, -1, null, null, 0));
        await(() -> eventAdmin.on("dev/cellbridge/urc/RECV").size() == 2);
        Event pushed = eventAdmin.on("dev/cellbridge/urc/RECV").get(0);
        assertThat(pushed.getPropertyNames()).containsExactlyInAnyOrder("modem", "urc", "connectId", "length", "remoteIp",
                "remotePort", "event.topics");
        assertThat(pushed.getProperty("length")).isEqualTo(5);
        assertThat(pushed.getProperty("remoteIp")).isEqualTo("10.0.0.9");
        assertThat(pushed.getProperty("remotePort")).isEqualTo(7000);
        Event buffered = eventAdmin.on("dev/cellbridge/urc/RECV").get(1);
        assertThat(buffered.getPropertyNames()).containsExactlyInAnyOrder("modem", "urc", "connectId", "event.topics");
    }
}
