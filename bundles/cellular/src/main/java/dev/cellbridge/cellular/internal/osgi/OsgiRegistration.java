package dev.cellbridge.cellular.internal.osgi;

import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A service a component registers itself (rather than through Declarative Services) so that it decides when it
 * exists and which properties it carries. Updates and unregistering tolerate a bundle that is already stopping.
 */
final class OsgiRegistration<S> implements ModemKeeper.Publication {

    private final ServiceRegistration<S> registration;
    private boolean withdrawn;

    private OsgiRegistration(ServiceRegistration<S> registration) {
        this.registration = registration;
    }

    static <S> OsgiRegistration<S> register(BundleContext context, Class<S> type, S service,
            Map<String, Object> properties) {
        return new OsgiRegistration<>(context.registerService(type, service, new Hashtable<>(properties)));
    }

    @Override
    public synchronized void update(Map<String, Object> properties) {
        if (!withdrawn) {
            try {
                registration.setProperties(new Hashtable<>(properties));
            } catch (IllegalStateException e) {
                withdrawn = true; // unregistered with the bundle
            }
        }
    }

    /**
     * Computes the properties and sets them under one lock. A component whose state changes on several threads
     * (SCR's and its own) updates this way, so that a view computed from an older state can never be set after
     * a newer one.
     */
    synchronized void update(Supplier<Map<String, Object>> properties) {
        if (!withdrawn) {
            update(properties.get());
        }
    }

    @Override
    public synchronized void withdraw() {
        if (!withdrawn) {
            withdrawn = true;
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone: the bundle is stopping
            }
        }
    }
}
