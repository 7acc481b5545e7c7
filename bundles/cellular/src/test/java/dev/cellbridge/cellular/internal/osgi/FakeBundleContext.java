package dev.cellbridge.cellular.internal.osgi;

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
 * Just enough of a BundleContext for the components' own service registrations: records each registration with
 * every property set it had and whether it was unregistered. Anything else is unsupported.
 */
final class FakeBundleContext {

    /** One registered service. */
    static final class Registration {
        final String type;
        final Object service;
        final List<Map<String, Object>> properties = new CopyOnWriteArrayList<>();
        volatile boolean unregistered;

        Registration(String type, Object service, Dictionary<String, ?> initial) {
            this.type = type;
            this.service = service;
            properties.add(copy(initial));
        }

        Map<String, Object> last() {
            return properties.get(properties.size() - 1);
        }
    }

    final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /** The registrations of this type not unregistered. */
    List<Registration> active(Class<?> type) {
        return registrations.stream().filter(r -> r.type.equals(type.getName()) && !r.unregistered).toList();
    }

    List<Registration> all(Class<?> type) {
        return registrations.stream().filter(r -> r.type.equals(type.getName())).toList();
    }

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args.length == 3) {
                        String type = args[0] instanceof Class<?> c ? c.getName() : String.valueOf(args[0]);
                        @SuppressWarnings("unchecked")
                        Registration r = new Registration(type, args[1], (Dictionary<String, ?>) args[2]);
                        registrations.add(r);
                        return registration(r);
                    }
                    if (method.getName().equals("toString")) {
                        return "FakeBundleContext";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServiceRegistration<?> registration(Registration r) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(FakeBundleContext.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setProperties" -> {
                            if (r.unregistered) {
                                throw new IllegalStateException("unregistered");
                            }
                            @SuppressWarnings("unchecked")
                            Dictionary<String, ?> d = (Dictionary<String, ?>) args[0];
                            r.properties.add(copy(d));
                            return null;
                        }
                        case "unregister" -> {
                            if (r.unregistered) {
                                throw new IllegalStateException("unregistered twice");
                            }
                            r.unregistered = true;
                            return null;
                        }
                        case "toString" -> {
                            return "registration of " + r.type;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static Map<String, Object> copy(Dictionary<String, ?> d) {
        Map<String, Object> out = new HashMap<>();
        for (String key : Collections.list(d.keys())) {
            out.put(key, d.get(key));
        }
        return Collections.unmodifiableMap(out);
    }
}
