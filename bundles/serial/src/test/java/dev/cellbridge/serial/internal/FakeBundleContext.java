package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The part of a {@link BundleContext} the link component uses: service registration, recorded so
 * tests can see what is registered when. Everything else throws.
 */
final class FakeBundleContext {

    /** One registerService call and whether it was undone. */
    static final class Registration {
        final String type;
        final SerialLink service;
        final Map<String, Object> properties;
        private volatile boolean unregistered;

        Registration(String type, SerialLink service, Map<String, Object> properties) {
            this.type = type;
            this.service = service;
            this.properties = properties;
        }

        boolean isActive() {
            return !unregistered;
        }
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args.length == 3 && args[0] instanceof Class<?> type) {
                        return register(type.getName(), (SerialLink) args[1], (Dictionary<?, ?>) args[2]);
                    }
                    if (method.getName().equals("toString")) {
                        return "FakeBundleContext";
                    }
                    throw new UnsupportedOperationException("BundleContext." + method.getName() + " is not expected here");
                });
    }

    private ServiceRegistration<?> register(String type, SerialLink service, Dictionary<?, ?> dictionary) {
        Map<String, Object> properties = new HashMap<>();
        for (Object key : Collections.list(dictionary.keys())) {
            properties.put((String) key, dictionary.get(key));
        }
        Registration registration = new Registration(type, service, properties);
        registrations.add(registration);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        if (registration.unregistered) {
                            throw new IllegalStateException("already unregistered");
                        }
                        registration.unregistered = true;
                        return null;
                    }
                    throw new UnsupportedOperationException("ServiceRegistration." + method.getName() + " is not expected here");
                });
    }

    /** Every registration so far, in order. */
    List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    /** The registrations not yet undone. */
    List<Registration> active() {
        return registrations.stream().filter(Registration::isActive).toList();
    }
}
