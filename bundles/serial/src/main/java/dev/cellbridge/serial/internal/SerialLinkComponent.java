package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured serial link (factory configuration {@value #PID}): keeps the port open on a thread
 * of its own and registers it as a {@link SerialLink} service (properties {@code link.uri},
 * {@code link.name}) while it is open; withdraws it when the device disappears and reopens it with
 * backoff. A configuration change restarts the component (no modified method on purpose: the port
 * must be reopened with the new settings anyway).
 *
 * <p>The component itself is registered (as a plain {@code Object}, so that no internal type is exposed) for as
 * long as it is active, with {@code cellbridge.configurable=true} and its configuration's {@code service.pid} /
 * {@code kura.service.pid}: the Kura integration lists it in the Kura console even while the port is closed.
 */
@Component(name = SerialLinkComponent.PID, configurationPid = SerialLinkComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = Object.class, immediate = true,
        property = "cellbridge.configurable:Boolean=true")
@Designate(ocd = SerialLinkConfiguration.class, factory = true)
public final class SerialLinkComponent {

    /** Factory PID, component name and metatype OCD id. */
    public static final String PID = SerialLink.FACTORY_PID;

    private static final Logger LOG = LoggerFactory.getLogger(SerialLinkComponent.class);

    private LinkKeeper keeper;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        start(properties, new OsgiLinkPublisher(context), new LinkEventLog());
    }

    /** Activation with the publisher and state-change consumer given (tests observe both). */
    void start(Map<String, Object> properties, LinkPublisher publisher, Consumer<LinkEvent> events) {
        ComponentSettings settings;
        try {
            settings = ComponentSettings.from(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Serial link {}: configuration rejected: {}", properties.get("service.pid"), e.getMessage());
            throw e;
        }
        keeper = new LinkKeeper(settings, publisher, events);
        keeper.start();
    }

    @Deactivate
    void deactivate() {
        if (keeper != null) {
            keeper.stop();
            keeper = null;
        }
    }

    /** The thread that owns the link, while active (for tests). */
    Thread linkThread() {
        return keeper == null ? null : keeper.thread();
    }
}
