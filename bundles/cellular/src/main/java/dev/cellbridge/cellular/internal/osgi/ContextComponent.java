package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;
import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.PasswordDecoder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * One configured PDP context (factory PID {@value CellularComponents#CONTEXT_FACTORY_PID}), kept by a
 * {@link ContextKeeper} on a thread of this component on the modem {@code Modem.target} selects. The password is
 * decoded through a {@link PasswordDecoder} service when one is registered (Kura stores it encrypted) and never
 * logged or published. A bad configuration is rejected with one log line naming the attribute; the one in force
 * stays. A second configuration for the same context ID on the same modem is refused (state FAILED) until the
 * first one is deleted; the keeper claims it on its own thread, before it sends anything for the context. Deleting the configuration deactivates the context on the module.
 */
@Component(name = CellularComponents.CONTEXT_FACTORY_PID, configurationPid = CellularComponents.CONTEXT_FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = ContextConfiguration.class, factory = true)
public final class ContextComponent implements ManagedPdpContext, ContextClaims.Claimant {

    private static final Logger LOG = LoggerFactory.getLogger(ContextComponent.class);
    /** The note's longest activation (QIACT/QIACTEX: 150 s). */
    static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(150);
    /** The note's longest deactivation (QIDEACT: 40 s) and a margin. */
    private static final long RELEASE_TIMEOUT_S = 45;

    private ContextClaims claims;
    private volatile String pid = "?";
    private volatile ScheduledExecutorService executor;
    /** Set once by activate; read by status() on any thread. */
    private volatile ContextKeeper keeper;
    /** Set by deactivate: binds and configuration changes no longer reach the keeper. */
    private boolean stopping;
    private volatile OsgiRegistration<ManagedPdpContext> registration;
    private volatile Map<String, Object> publicProperties = Map.of();
    private volatile String problem = "";
    private Map<String, Object> configuration;
    private ContextPlan plan;
    private Modem modem;
    private String modemName;
    private PasswordDecoder decoder;

    @Reference
    void bindClaims(ContextClaims value) {
        claims = value;
    }

    @Reference(name = "Modem", service = Modem.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, bind = "bindModem",
            unbind = "unbindModem", target = ContextSettings.DEFAULT_TARGET)
    synchronized void bindModem(Modem value, Map<String, Object> properties) {
        modem = value;
        modemName = String.valueOf(properties.get(CellularComponents.MODEM_NAME));
        if (running()) {
            keeper.modemAvailable(value, modemName);
        }
    }

    synchronized void unbindModem(Modem value) {
        if (modem == value) {
            modem = null;
        }
        if (running()) {
            keeper.modemGone(value);
        }
    }

    @Reference(name = "PasswordDecoder", service = PasswordDecoder.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, bind = "bindDecoder",
            unbind = "unbindDecoder")
    synchronized void bindDecoder(PasswordDecoder value) {
        decoder = value;
        if (running() && configuration != null) {
            apply(configuration, "the configuration in force stays");
        }
    }

    synchronized void unbindDecoder(PasswordDecoder value) {
        if (decoder == value) {
            decoder = null;
            if (running() && configuration != null) {
                apply(configuration, "the configuration in force stays");
            }
        }
    }

    @Activate
    synchronized void activate(BundleContext context, Map<String, Object> properties) {
        pid = String.valueOf(properties.getOrDefault("service.pid", CellularComponents.CONTEXT_FACTORY_PID));
        publicProperties = PublicProperties.of(properties, Set.of(ContextSettings.PASSWORD));
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cellbridge-context-" + pid);
            t.setDaemon(true);
            return t;
        });
        int id = new Attributes(properties).raw(ContextSettings.CONTEXT_ID) instanceof Number n ? n.intValue() : 0;
        keeper = new ContextKeeper(pid, id, executor, ACTIVATION_TIMEOUT, status -> updateRegistration(), claims, this);
        registration = OsgiRegistration.register(context, ManagedPdpContext.class, this, serviceProperties());
        apply(properties, "nothing is applied until a valid configuration arrives");
        if (modem != null) {
            keeper.modemAvailable(modem, modemName); // even without a plan yet: a later good one needs the modem
        }
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        if (running() && apply(properties, "the configuration in force stays")) {
            publicProperties = PublicProperties.of(properties, Set.of(ContextSettings.PASSWORD));
            updateRegistration();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            stopping = true;
        }
        try {
            // deactivates the context, then gives up the claim (a configuration waiting for this context ID
            // must not have it deactivated under its feet)
            keeper.release().get(RELEASE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("PDP context configuration {}: deactivating the context did not finish: {}", pid, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        claims.release(this); // in case the release did not run
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("PDP context configuration {}: thread did not stop within 10 s", pid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registration.withdraw();
    }

    @Override
    public Status status() {
        ContextKeeper k = keeper;
        return k == null ? new Status("", 0, State.INACTIVE, "", "", "not started") : k.status();
    }

    @Override
    public String pid() {
        return pid;
    }

    @Override
    public void claimsChanged() {
        ContextKeeper k = keeper;
        if (k != null) {
            k.reclaim(); // on the keeper's thread: no component lock is ever taken here
        }
    }

    /** Validates (the password decoded) and hands the plan to the keeper; false when rejected. */
    private boolean apply(Map<String, Object> properties, String consequence) {
        ContextSettings next;
        ContextPlan nextPlan;
        try {
            next = ContextSettings.from(properties);
            nextPlan = next.plan(decode(next.storedPassword()));
        } catch (IllegalArgumentException e) {
            LOG.error("PDP context configuration {} rejected ({}): {}", pid, consequence, e.getMessage());
            problem = e.getMessage();
            updateRegistration();
            return false;
        }
        problem = "";
        configuration = properties;
        if (!nextPlan.equals(plan)) {
            plan = nextPlan;
            keeper.configure(nextPlan);
        }
        return true;
    }

    private String decode(String stored) {
        PasswordDecoder d = decoder;
        if (d == null || stored.isEmpty()) {
            return stored;
        }
        try {
            return d.decode(stored);
        } catch (RuntimeException e) {
            // the exception's message could quote the value: name the type only
            LOG.warn("PDP context configuration {}: the password could not be decoded ({}); using it as stored", pid,
                    e.getClass().getSimpleName());
            return stored;
        }
    }

    /** Whether activate ran and deactivate did not (called holding the lock). */
    private boolean running() {
        return keeper != null && !stopping;
    }

    private void updateRegistration() {
        OsgiRegistration<ManagedPdpContext> r = registration;
        if (r != null) {
            r.update(this::serviceProperties); // computed under the registration's lock: never a stale view last
        }
    }

    private Map<String, Object> serviceProperties() {
        Status s = status();
        Map<String, Object> properties = new HashMap<>(publicProperties);
        properties.put(CellularComponents.CONFIGURABLE, Boolean.TRUE);
        properties.put(CellularComponents.MODEM_NAME, s.modemName());
        properties.put(CellularComponents.CONTEXT_ID, s.contextId());
        properties.put(CellularComponents.CONTEXT_STATE, s.state().name());
        properties.put(CellularComponents.CONTEXT_IPV4, s.ipv4());
        properties.put(CellularComponents.CONTEXT_IPV6, s.ipv6());
        properties.put(CellularComponents.CONFIGURATION_PROBLEM, problem);
        return properties;
    }
}
