package dev.cellbridge.gateway.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The framework's ConfigurationAdmin service as a {@link ConfigurationTarget}.
 *
 * <p>Called through the {@code org.osgi.service.cm} interfaces loaded from the service's own bundle: the launcher
 * lives outside the framework and has no copy of that API (giving it one, exported by the system bundle, would
 * compete with the API bundle's export). Only JDK types cross: Strings, Dictionary, arrays.
 *
 * <p>Configurations are created with a null location, as Kura does: each binds to the bundle that consumes it.
 */
final class ConfigAdminTarget implements ConfigurationTarget {

    /** Properties ConfigurationAdmin adds itself; not part of what a file says. */
    private static final Set<String> MANAGED_KEYS = Set.of("service.pid", "service.factoryPid", "service.bundleLocation");

    private final Object admin;
    private final Method getConfiguration;
    private final Method getFactoryConfiguration;
    private final Method listConfigurations;
    private final Method getProperties;
    private final Method update;
    private final Method delete;

    /** @param admin a {@code org.osgi.service.cm.ConfigurationAdmin} (CM 1.6 or later: named factory configurations) */
    ConfigAdminTarget(Object admin) throws ReflectiveOperationException {
        this.admin = admin;
        ClassLoader api = admin.getClass().getClassLoader();
        Class<?> adminType = Class.forName("org.osgi.service.cm.ConfigurationAdmin", false, api);
        Class<?> configurationType = Class.forName("org.osgi.service.cm.Configuration", false, api);
        getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
        getFactoryConfiguration = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class);
        listConfigurations = adminType.getMethod("listConfigurations", String.class);
        getProperties = configurationType.getMethod("getProperties");
        update = configurationType.getMethod("update", Dictionary.class);
        delete = configurationType.getMethod("delete");
    }

    @Override
    public boolean apply(ConfigId id, Map<String, Object> properties) throws Exception {
        Object configuration = id instanceof ConfigId.Factory factory
            ? call(getFactoryConfiguration, admin, factory.factoryPid(), factory.name(), null)
            : call(getConfiguration, admin, id.pid(), null);
        Dictionary<?, ?> current = (Dictionary<?, ?>) call(getProperties, configuration);
        if (current != null && withoutManagedKeys(current).equals(comparable(properties))) {
            return false;
        }
        call(update, configuration, new Hashtable<>(properties));
        return true;
    }

    @Override
    public boolean delete(ConfigId id) throws Exception {
        Object[] found = (Object[]) call(listConfigurations, admin, "(service.pid=" + escape(id.pid()) + ")");
        if (found == null) {
            return false;
        }
        for (Object configuration : found) {
            call(delete, configuration);
        }
        return found.length > 0;
    }

    @Override
    public boolean configured(ConfigId id) throws Exception {
        String filter = id instanceof ConfigId.Factory factory
            ? "(service.factoryPid=" + escape(factory.factoryPid()) + ")"
            : "(service.pid=" + escape(id.pid()) + ")";
        Object[] found = (Object[]) call(listConfigurations, admin, filter);
        return found != null && found.length > 0;
    }

    private static Object call(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Map<String, Object> withoutManagedKeys(Dictionary<?, ?> dictionary) {
        Map<String, Object> map = new HashMap<>();
        for (Enumeration<?> keys = dictionary.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement().toString();
            if (!MANAGED_KEYS.contains(key)) {
                map.put(key, new Value(dictionary.get(key)));
            }
        }
        return map;
    }

    private static Map<String, Object> comparable(Map<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((key, value) -> map.put(key, new Value(value)));
        return map;
    }

    /** A property value compared by content (arrays element by element). */
    private record Value(Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Value that && Objects.deepEquals(value, that.value);
        }

        @Override
        public int hashCode() {
            return value == null || value.getClass().isArray() ? 0 : value.hashCode();
        }
    }

    /** Escapes an LDAP filter value (RFC 4515 special characters). */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
