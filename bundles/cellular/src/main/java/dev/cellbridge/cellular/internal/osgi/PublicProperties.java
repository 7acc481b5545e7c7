package dev.cellbridge.cellular.internal.osgi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration properties a component copies onto the services it registers itself, as Declarative
 * Services does for the services it registers: every property whose name does not start with a dot, except the
 * component's own ({@code component.*}), those the framework sets, and the ones named secret (passwords).
 */
final class PublicProperties {

    private static final Set<String> FRAMEWORK = Set.of("objectClass", "service.id", "service.bundleid",
            "service.scope", "service.ranking");

    private PublicProperties() {
    }

    static Map<String, Object> of(Map<String, ?> configuration, Set<String> secret) {
        Map<String, Object> out = new TreeMap<>();
        configuration.forEach((key, value) -> {
            if (value != null && !key.startsWith(".") && !key.startsWith("component.") && !FRAMEWORK.contains(key)
                    && !secret.contains(key)) {
                out.put(key, value);
            }
        });
        return out;
    }
}
