package dev.cellbridge.kura.internal;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The properties of the Kura {@code ConfigurableComponent} marker that stands for one configurable cellbridge
 * service: its {@code service.pid}, its {@code kura.service.pid} (the {@code service.pid} when the configuration has
 * none, as Kura itself seeds singletons) and its {@code service.factoryPid} when it has one. Nothing else: in
 * particular not {@code cellbridge.configurable}, so a marker is never taken for a service to mark.
 *
 * @param servicePid    the configuration PID, as Kura's ConfigurationService keys the component
 * @param kuraServicePid Kura's persistent identity of the component
 * @param factoryPid    the factory PID of a factory configuration, or null
 */
record MarkerProperties(String servicePid, String kuraServicePid, String factoryPid) {

    static final String SERVICE_PID = "service.pid";
    static final String KURA_SERVICE_PID = org.eclipse.kura.configuration.ConfigurationService.KURA_SERVICE_PID;
    static final String SERVICE_FACTORY_PID = "service.factoryPid";

    /** The service property that asks for a marker (contracts: every configurable cellbridge component sets it). */
    static final String CONFIGURABLE = "cellbridge.configurable";

    /**
     * The marker properties for a service's properties, or a reason why none can be made: Kura needs exactly one
     * {@code service.pid} string.
     */
    static Result of(Map<String, ?> serviceProperties) {
        Optional<String> servicePid;
        try {
            servicePid = single(serviceProperties.get(SERVICE_PID));
        } catch (IllegalArgumentException e) {
            return new Result(null, "its service.pid " + e.getMessage() + "; Kura keys a component by one PID");
        }
        if (servicePid.isEmpty()) {
            return new Result(null, "it has no service.pid (a component without a configuration)");
        }
        try {
            String kuraPid = single(serviceProperties.get(KURA_SERVICE_PID)).orElse(servicePid.get());
            String factoryPid = single(serviceProperties.get(SERVICE_FACTORY_PID)).orElse(null);
            return new Result(new MarkerProperties(servicePid.get(), kuraPid, factoryPid), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, "a PID property " + e.getMessage());
        }
    }

    /** As service properties of the marker registration. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(SERVICE_PID, servicePid);
        map.put(KURA_SERVICE_PID, kuraServicePid);
        if (factoryPid != null) {
            map.put(SERVICE_FACTORY_PID, factoryPid);
        }
        return map;
    }

    /** Either marker properties or the reason there are none. */
    record Result(MarkerProperties properties, String problem) {
    }

    /** A string property, or a one-element array/collection of one (DS lists a component's PIDs so). */
    private static Optional<String> single(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return s.isBlank() ? Optional.empty() : Optional.of(s);
        }
        Object only;
        if (value.getClass().isArray()) {
            if (Array.getLength(value) != 1) {
                throw new IllegalArgumentException("has " + Array.getLength(value) + " values");
            }
            only = Array.get(value, 0);
        } else if (value instanceof Collection<?> collection) {
            if (collection.size() != 1) {
                throw new IllegalArgumentException("has " + collection.size() + " values");
            }
            only = collection.iterator().next();
        } else {
            only = value;
        }
        if (!(only instanceof String s)) {
            throw new IllegalArgumentException("is a " + only.getClass().getSimpleName() + ", not a String");
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
