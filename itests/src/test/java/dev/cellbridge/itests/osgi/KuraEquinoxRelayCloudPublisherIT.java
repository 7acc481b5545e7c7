package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;

/**
 * On Kura's runtime, with a CloudPublisher registered (a fake of the test; {@code dev.cellbridge.kura-api} stands in
 * for Kura's API) and named by the relay's {@code CloudPublisher.target}, the relay's Kura component activates and
 * the relay publishes through it: a URC injected into the simulator arrives as a KuraMessage whose KuraPayload carries
 * the relay's JSON as its body and the topic and JSON fields as metrics.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxRelayCloudPublisherIT {

    static final long TIMEOUT_MS = 30_000;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.kuraRuntime(),
            junitBundles());
    }

    /** Records what the relay publishes. */
    static final class FakePublisher implements CloudPublisher {
        final List<KuraMessage> published = new CopyOnWriteArrayList<>();

        @Override
        public String publish(KuraMessage message) {
            published.add(message);
            return String.valueOf(published.size());
        }

        @Override
        public void registerCloudConnectionListener(CloudConnectionListener listener) {
        }

        @Override
        public void unregisterCloudConnectionListener(CloudConnectionListener listener) {
        }

        @Override
        public void registerCloudDeliveryListener(CloudDeliveryListener listener) {
        }

        @Override
        public void unregisterCloudDeliveryistener(CloudDeliveryListener listener) {
        }
    }

    @Test
    public void aUrcIsPublishedAsAKuraPayloadThroughTheCloudPublisher() throws Exception {
        Path dir = Files.createTempDirectory("cellbridge-relay-kura-it");
        FakePublisher publisher = new FakePublisher();
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("kura.service.pid", "itest-publisher"));
        ServiceRegistration<CloudPublisher> registration =
            context.registerService(CloudPublisher.class, publisher, properties);
        List<org.osgi.service.cm.Configuration> created = new ArrayList<>();
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0).build())) {
            ConfigurationAdmin admin = service(ConfigurationAdmin.class);
            org.osgi.service.cm.Configuration modem = admin.getConfiguration("dev.cellbridge.cellular.modem", null);
            created.add(modem);
            modem.update(new Hashtable<>(Map.of("link.uri", "tcp://127.0.0.1:" + sim.port())));
            org.osgi.service.cm.Configuration pdp =
                admin.createFactoryConfiguration("dev.cellbridge.cellular.context", null);
            created.add(pdp);
            pdp.update(new Hashtable<>(Map.of("context.id", 1, "apn", "UNINET", "reactivate", false)));
            org.osgi.service.cm.Configuration relay = admin.getConfiguration("dev.cellbridge.relay", null);
            created.add(relay);
            relay.update(new Hashtable<>(Map.of("broker.url", "", "device.id", "gw", "topic.prefix", "itest/gw/",
                "outbox.dir", dir.resolve("outbox").toString(),
                "CloudPublisher.target", "(kura.service.pid=itest-publisher)")));

            // once context 1 is active, the network deactivates it
            KuraMessage active = poll(() -> find(publisher, "state", "\"state\":\"ACTIVE\""));
            assertNotNull("a state message with context 1 ACTIVE through the publisher", active);
            sim.pdpDeact(1);
            KuraMessage urc = poll(() -> find(publisher, "urc/PDPDEACT", "pdpdeact"));
            assertNotNull("urc/PDPDEACT through the publisher; got " + topics(publisher), urc);
            String body = new String(urc.getPayload().getBody(), StandardCharsets.UTF_8);
            assertTrue(body, body.contains("\"urc\":\"+QIURC: \\\"pdpdeact\\\",1\""));
            assertEquals("urc/PDPDEACT", urc.getPayload().getMetric("topic"));
            assertEquals("PDPDEACT", urc.getPayload().getMetric("name"));
            assertEquals(1L, urc.getPayload().getMetric("contextId"));
            assertNotNull("sent with a timestamp", urc.getPayload().getTimestamp());
        } finally {
            for (org.osgi.service.cm.Configuration configuration : created) {
                try {
                    configuration.delete();
                } catch (IllegalStateException e) {
                    // deleted already
                }
            }
            registration.unregister();
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static KuraMessage find(FakePublisher publisher, String topic, String text) {
        for (KuraMessage message : publisher.published) {
            String body = message.getPayload().getBody() == null ? ""
                : new String(message.getPayload().getBody(), StandardCharsets.UTF_8);
            if (topic.equals(message.getPayload().getMetric("topic")) && body.contains(text)) {
                return message;
            }
        }
        return null;
    }

    private static String topics(FakePublisher publisher) {
        StringBuilder sb = new StringBuilder();
        publisher.published.forEach(m -> sb.append(' ').append(m.getPayload().getMetric("topic")));
        return sb.toString();
    }

    private static <T> T poll(java.util.concurrent.Callable<T> probe) throws Exception {
        return Waits.poll(probe, TIMEOUT_MS);
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        return Waits.service(context, type, TIMEOUT_MS);
    }
}
