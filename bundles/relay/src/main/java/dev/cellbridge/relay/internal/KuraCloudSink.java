package dev.cellbridge.relay.internal;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.message.KuraPayload;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * On Kura: the relay's messages through the gateway's cloud connection. A component of its own (name
 * {@code dev.cellbridge.relay.kura}) that shares the relay's configuration (PID {@code dev.cellbridge.relay}), so
 * its {@code CloudPublisher} reference takes its target from the relay's {@code CloudPublisher.target} attribute, as
 * Kura's publisher example does. It registers a {@link CloudSink} the relay binds.
 *
 * <p>Class loading: this is the only class that names Kura types. Its reference names the interface as a string in
 * the component XML, so SCR looks for a service by name and loads this class only when such a service exists and the
 * component activates. Outside Kura the {@code org.eclipse.kura.*} imports (optional) are not wired, no
 * CloudPublisher is ever registered, the component stays unsatisfied, and this class is never loaded; the relay
 * component itself mentions no Kura type in any field or method, so it loads everywhere.
 */
@Component(name = "dev.cellbridge.relay.kura", configurationPid = RelayComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = CloudSink.class)
public final class KuraCloudSink implements CloudSink {

    private final CloudPublisher publisher;

    @Activate
    public KuraCloudSink(@Reference(name = "CloudPublisher") CloudPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * A KuraPayload with the metrics of {@link CloudMetrics} and the message as body; the KuraMessage carries the
     * topic below the relay's prefix as property {@code topic} (a Kura publisher can use it in its topic as
     * {@code $topic}), and {@code qos}, {@code retained}, {@code contentType}.
     */
    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained, String contentType) throws Exception {
        KuraPayload p = new KuraPayload();
        p.setTimestamp(new Date());
        CloudMetrics.of(topic, payload, contentType.equals("application/json")).forEach(p::addMetric);
        p.setBody(payload);
        Map<String, Object> properties = new HashMap<>();
        properties.put("topic", topic);
        properties.put("qos", qos);
        properties.put("retained", retained);
        properties.put("contentType", contentType);
        publisher.publish(new KuraMessage(p, properties));
    }
}
