package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;
import dev.cellbridge.cellular.ManagedTcpIpOptions;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.TcpIpOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured TCP/IP options (PID {@value CellularComponents#TCPIP_PID}): validated, applied to the modem
 * {@code Modem.target} selects at once, and again each time such a Modem service appears (after a module reboot
 * it is registered anew). A bad configuration is rejected with one log line naming the attribute, its value and
 * the application note's range; the options in force stay. Registers {@link ManagedTcpIpOptions} while active.
 */
@Component(name = CellularComponents.TCPIP_PID, configurationPid = CellularComponents.TCPIP_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = TcpIpConfiguration.class, factory = false)
public final class TcpIpComponent implements ManagedTcpIpOptions {

    private static final Logger LOG = LoggerFactory.getLogger(TcpIpComponent.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cellbridge-tcpip-options");
        t.setDaemon(true);
        return t;
    });
    private final TcpIpApplier applier = new TcpIpApplier(executor, name -> updateRegistration());
    private volatile OsgiRegistration<ManagedTcpIpOptions> registration;
    private volatile Map<String, Object> publicProperties = Map.of();
    private volatile String problem = "";

    @Reference(name = "Modem", service = Modem.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, bind = "bindModem",
            unbind = "unbindModem", target = TcpIpSettings.DEFAULT_TARGET)
    void bindModem(Modem modem, Map<String, Object> properties) {
        applier.modemAvailable(modem, String.valueOf(properties.get(CellularComponents.MODEM_NAME)));
    }

    void unbindModem(Modem modem) {
        applier.modemGone(modem);
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        publicProperties = PublicProperties.of(properties, Set.of());
        TcpIpSettings settings = validate(properties, "no options applied until a valid configuration arrives");
        if (settings != null) {
            applier.options(settings.options());
        }
        registration = OsgiRegistration.register(context, ManagedTcpIpOptions.class, this, serviceProperties());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        TcpIpSettings settings = validate(properties, "the options in force stay");
        if (settings != null) {
            publicProperties = PublicProperties.of(properties, Set.of());
            problem = "";
            applier.options(settings.options());
            updateRegistration();
        }
    }

    @Deactivate
    void deactivate() {
        OsgiRegistration<ManagedTcpIpOptions> r = registration;
        if (r != null) {
            r.withdraw();
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("TCP/IP options: thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<TcpIpOptions> options() {
        return Optional.ofNullable(applier.options());
    }

    @Override
    public String appliedTo() {
        return applier.appliedTo();
    }

    private TcpIpSettings validate(Map<String, Object> properties, String consequence) {
        try {
            return TcpIpSettings.from(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("TCP/IP options configuration rejected ({}): {}", consequence, e.getMessage());
            problem = e.getMessage();
            updateRegistration();
            return null;
        }
    }

    private void updateRegistration() {
        OsgiRegistration<ManagedTcpIpOptions> r = registration;
        if (r != null) {
            r.update(this::serviceProperties); // computed under the registration's lock: never a stale view last
        }
    }

    private Map<String, Object> serviceProperties() {
        Map<String, Object> properties = new HashMap<>(publicProperties);
        properties.put(CellularComponents.CONFIGURABLE, Boolean.TRUE);
        properties.put(CellularComponents.MODEM_NAME, applier.appliedTo());
        properties.put(CellularComponents.CONFIGURATION_PROBLEM, problem);
        return properties;
    }
}
