package dev.cellbridge.kura.internal;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the configurable cellbridge components in the Kura console: for every service carrying
 * {@code cellbridge.configurable=true} it registers a Kura {@link ConfigurableComponent} marker with the same
 * {@code service.pid}, {@code kura.service.pid} and {@code service.factoryPid} (see {@link ConfigurableMarkers}).
 *
 * <p>Kura's ConfigurationService binds every ConfigurableComponent service with both PIDs and takes the metatype
 * from {@code OSGI-INF/metatype/<pid>.xml} of each active bundle, so the metatype stays with the component.
 * Registrations run on one thread of this component, in the order the service events came, so no framework call
 * is made while a service event is being delivered to us.
 */
@Component(name = "dev.cellbridge.kura.console.listing", immediate = true, service = {})
public final class KuraConsoleListing {

    private static final Logger LOG = LoggerFactory.getLogger(KuraConsoleListing.class);

    static final String FILTER = "(" + MarkerProperties.CONFIGURABLE + "=true)";

    private final ExecutorService worker =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "cellbridge-kura-console-listing"));

    private ConfigurableMarkers<ServiceRegistration<ConfigurableComponent>> markers;
    private ServiceTracker<Object, Long> tracker;

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        markers = new ConfigurableMarkers<>(new ConfigurableMarkers.Registry<>() {
            @Override
            public ServiceRegistration<ConfigurableComponent> register(Map<String, Object> properties) {
                return context.registerService(ConfigurableComponent.class, new Marker(), new Hashtable<>(properties));
            }

            @Override
            public void unregister(ServiceRegistration<ConfigurableComponent> registration) {
                registration.unregister();
            }
        });
        tracker = new ServiceTracker<>(context, context.createFilter(FILTER), new Customizer());
        tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close(); // delivers removedService for every tracked service, so their markers go
        worker.execute(markers::clear);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Kura console listing did not finish within 10 s");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    private void run(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Kura console listing failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // deactivated: its clear() withdraws everything
        }
    }

    /** Feeds the service events, by service.id, to the markers (on the component's thread). */
    private final class Customizer implements ServiceTrackerCustomizer<Object, Long> {
        @Override
        public Long addingService(ServiceReference<Object> reference) {
            Long id = (Long) reference.getProperty(Constants.SERVICE_ID);
            Map<String, Object> properties = properties(reference);
            run(() -> markers.added(id, properties));
            return id;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Long id) {
            Map<String, Object> properties = properties(reference);
            run(() -> markers.modified(id, properties));
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Long id) {
            run(() -> markers.removed(id));
        }
    }

    /** The marker object: Kura's ConfigurationService only needs the service, never calls it. */
    private static final class Marker implements ConfigurableComponent {
    }
}
