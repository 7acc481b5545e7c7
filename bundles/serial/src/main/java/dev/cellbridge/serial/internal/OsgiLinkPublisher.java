package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Publishes links as {@link SerialLink} services of the component's bundle. */
final class OsgiLinkPublisher implements LinkPublisher {

    private final BundleContext context;

    OsgiLinkPublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public Publication publish(SerialLink link, Map<String, Object> properties) {
        ServiceRegistration<SerialLink> registration =
                context.registerService(SerialLink.class, link, new Hashtable<>(properties));
        AtomicBoolean withdrawn = new AtomicBoolean();
        return () -> {
            if (withdrawn.compareAndSet(false, true)) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // already gone: the bundle is stopping
                }
            }
        };
    }
}
