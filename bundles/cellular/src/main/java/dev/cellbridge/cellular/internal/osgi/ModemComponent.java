package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;
import dev.cellbridge.cellular.ManagedModem;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemState;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured modem (PID {@value CellularComponents#MODEM_PID}). Registers {@link ManagedModem} for as long as
 * it is active (with {@code cellbridge.configurable=true}, so that it can be configured even while the module is
 * unreachable) and, through its {@link ModemKeeper}, the {@link Modem} service while the module answers.
 *
 * <p>Every configuration is validated as a whole first. A bad one is rejected with one log line naming the
 * attribute, its value and what is allowed: on activation the component then waits for a good configuration
 * without opening anything; on a change it keeps the configuration in force. A change applies without
 * restarting the component; only a change of the link, timeouts, name or socket options reopens the link.
 */
@Component(name = CellularComponents.MODEM_PID, configurationPid = CellularComponents.MODEM_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = ModemConfiguration.class, factory = false)
public final class ModemComponent implements ManagedModem {

    private static final Logger LOG = LoggerFactory.getLogger(ModemComponent.class);

    private BundleContext context;
    private OsgiLinkOpener opener;
    private OsgiRegistration<ManagedModem> registration;
    private volatile ModemKeeper keeper;
    private volatile Status initialStatus;
    private volatile Map<String, Object> publicProperties = Map.of();
    private volatile String problem = "";

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        opener = new OsgiLinkOpener(bundleContext);
        publicProperties = PublicProperties.of(properties, Set.of());
        ModemSettings settings = validate(properties, "not started");
        // the status until the keeper has one (or for good, while no valid configuration arrived)
        initialStatus = new Status(String.valueOf(properties.getOrDefault(ModemSettings.NAME, "modem")),
                String.valueOf(properties.getOrDefault(ModemSettings.LINK_URI, "")), ModemState.GONE,
                settings == null ? "configuration rejected" : "starting");
        registration = OsgiRegistration.register(bundleContext, ManagedModem.class, this, managedProperties());
        if (settings != null) {
            start(settings);
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ModemKeeper k = keeper;
        ModemSettings settings = validate(properties, k == null ? "still not started" : "the configuration in force stays");
        if (settings == null) {
            return;
        }
        publicProperties = PublicProperties.of(properties, Set.of());
        problem = "";
        if (k == null) {
            start(settings);
        } else {
            k.update(settings, publicProperties);
        }
        registration.update(this::managedProperties);
    }

    @Deactivate
    void deactivate() {
        ModemKeeper k = keeper;
        if (k != null) {
            k.stop();
            keeper = null;
        }
        opener.close();
        registration.withdraw();
    }

    @Override
    public Status status() {
        ModemKeeper k = keeper;
        return k != null ? k.status() : initialStatus;
    }

    @Override
    public Optional<Modem> modem() {
        ModemKeeper k = keeper;
        return k == null ? Optional.empty() : k.modem();
    }

    private void start(ModemSettings settings) {
        if (!settings.linkName().isEmpty()) {
            LOG.info("Modem {}: using the serial link named '{}' ({} is ignored)", settings.name(),
                    settings.linkName(), ModemSettings.LINK_URI);
        }
        ModemKeeper k = new ModemKeeper(settings, publicProperties,
                (modem, props) -> OsgiRegistration.register(context, Modem.class, modem, props), opener,
                status -> {
                    OsgiRegistration<ManagedModem> r = registration;
                    if (r != null) {
                        r.update(this::managedProperties);
                    }
                }, Clock.systemUTC());
        keeper = k;
        k.start();
    }

    private ModemSettings validate(Map<String, Object> properties, String consequence) {
        try {
            return ModemSettings.from(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Modem configuration {} rejected ({}): {}", properties.get("service.pid"), consequence,
                    e.getMessage());
            problem = e.getMessage();
            OsgiRegistration<ManagedModem> r = registration;
            if (r != null) {
                r.update(this::managedProperties);
            }
            return null;
        }
    }

    private Map<String, Object> managedProperties() {
        Status s = status();
        Map<String, Object> properties = new HashMap<>(publicProperties);
        properties.put(CellularComponents.CONFIGURABLE, Boolean.TRUE);
        properties.put(CellularComponents.MODEM_NAME, s.name());
        properties.put(CellularComponents.LINK_URI, s.linkUri());
        properties.put(CellularComponents.MODEM_STATE, s.state().name());
        properties.put(CellularComponents.CONFIGURATION_PROBLEM, problem);
        return properties;
    }
}
