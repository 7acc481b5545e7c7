package dev.cellbridge.kura.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Kura {@code ConfigurableComponent} marker registered per {@code kura.service.pid} of the configurable
 * cellbridge services that are present; plain Java (the OSGi side feeds it service events, tests call it directly).
 *
 * <p>Kura's ConfigurationService binds markers without a "modified" callback and forgets a component by its
 * {@code kura.service.pid} when a marker goes: so a change of a service's PIDs replaces its marker (unregister,
 * then register), and when several services of one component share a {@code kura.service.pid} (a component
 * registering more than one service) they share one marker, withdrawn with the last of them.
 *
 * <p>Not thread-safe: the caller serializes the calls (the component runs them on one thread).
 *
 * @param <H> the handle of a registered marker (a ServiceRegistration in OSGi)
 */
final class ConfigurableMarkers<H> {

    /** Registers and unregisters markers. */
    interface Registry<H> {
        H register(Map<String, Object> properties);

        void unregister(H handle);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurableMarkers.class);

    private final Registry<H> registry;

    /** Per kura.service.pid: its marker and the services it stands for. */
    private final Map<String, Marker<H>> markers = new HashMap<>();

    /** Per tracked service (by service.id): the kura.service.pid it is listed under, if any. */
    private final Map<Long, String> listedAs = new HashMap<>();

    private static final class Marker<H> {
        final MarkerProperties properties;
        final H handle;
        final Set<Long> services = new LinkedHashSet<>();

        Marker(MarkerProperties properties, H handle) {
            this.properties = properties;
            this.handle = handle;
        }
    }

    ConfigurableMarkers(Registry<H> registry) {
        this.registry = registry;
    }

    /** A configurable service appeared. */
    void added(long serviceId, Map<String, ?> serviceProperties) {
        MarkerProperties.Result result = MarkerProperties.of(serviceProperties);
        if (result.properties() == null) {
            LOG.warn("Service {} is marked {}=true but cannot be listed in the Kura console: {}", serviceId,
                MarkerProperties.CONFIGURABLE, result.problem());
            return;
        }
        MarkerProperties wanted = result.properties();
        Marker<H> marker = markers.get(wanted.kuraServicePid());
        if (marker == null) {
            marker = new Marker<>(wanted, registry.register(wanted.toMap()));
            markers.put(wanted.kuraServicePid(), marker);
            LOG.debug("Listed {} in the Kura console ({})", wanted.kuraServicePid(), wanted);
        } else if (!marker.properties.equals(wanted)) {
            LOG.warn("Service {} claims kura.service.pid {} with {}, already listed with {}: not listed twice",
                serviceId, wanted.kuraServicePid(), wanted, marker.properties);
            return;
        }
        marker.services.add(serviceId);
        listedAs.put(serviceId, wanted.kuraServicePid());
    }

    /** A configurable service's properties changed (it may no longer be configurable). */
    void modified(long serviceId, Map<String, ?> serviceProperties) {
        String kuraPid = listedAs.get(serviceId);
        MarkerProperties.Result result = MarkerProperties.of(serviceProperties);
        if (kuraPid != null && markers.get(kuraPid).properties.equals(result.properties())) {
            return; // nothing Kura sees changed
        }
        removed(serviceId);
        added(serviceId, serviceProperties);
    }

    /** A configurable service went away. */
    void removed(long serviceId) {
        String kuraPid = listedAs.remove(serviceId);
        if (kuraPid == null) {
            return;
        }
        Marker<H> marker = markers.get(kuraPid);
        marker.services.remove(serviceId);
        if (marker.services.isEmpty()) {
            markers.remove(kuraPid);
            unregister(marker);
        }
    }

    /** Withdraws every marker. */
    void clear() {
        for (Marker<H> marker : markers.values()) {
            unregister(marker);
        }
        markers.clear();
        listedAs.clear();
    }

    /** The properties of the markers currently registered, by kura.service.pid. */
    Map<String, MarkerProperties> listed() {
        Map<String, MarkerProperties> listed = new HashMap<>();
        markers.forEach((pid, marker) -> listed.put(pid, marker.properties));
        return listed;
    }

    private void unregister(Marker<H> marker) {
        try {
            registry.unregister(marker.handle);
            LOG.debug("Withdrew {} from the Kura console", marker.properties.kuraServicePid());
        } catch (RuntimeException e) {
            // already gone with the framework or our bundle: nothing left to withdraw
            LOG.debug("Marker of {} was already gone: {}", marker.properties.kuraServicePid(), e.toString());
        }
    }
}
