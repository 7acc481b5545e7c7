package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.Modem;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's status console ({@value #PID}): prints the status and events of the Modem services on standard
 * output (see {@link StatusConsole}). Registers itself as a service carrying {@code cellbridge.configurable=true} so
 * that on Kura it is listed in the console like every configurable cellbridge component. A configuration change
 * restarts it (no modified method: the probe is reopened with the new settings anyway).
 */
@Component(name = ConsoleComponent.PID, configurationPid = ConsoleComponent.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE, service = ConsoleComponent.class, immediate = true,
    property = "cellbridge.configurable:Boolean=true")
@Designate(ocd = ConsoleConfiguration.class)
public final class ConsoleComponent {

    /** Configuration PID, component name and metatype OCD id. */
    public static final String PID = "dev.cellbridge.cli.console";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleComponent.class);

    /** Modems bound before activation (DS binds dynamic references first), replayed into the console. */
    private final Map<Modem, Map<String, Object>> modems = new LinkedHashMap<>();
    /** PDP contexts bound before activation, by service.id. */
    private final Map<Long, Map<String, Object>> contexts = new LinkedHashMap<>();
    private StatusConsole console;

    @Activate
    synchronized void activate(Map<String, Object> properties) {
        start(properties, System.out);
    }

    /** Activation printing to the given stream (tests). */
    synchronized void start(Map<String, Object> properties, PrintStream out) {
        ConsoleSettings settings;
        try {
            settings = ConsoleSettings.from(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("Status console: configuration rejected: {}", e.getMessage());
            throw e;
        }
        console = new StatusConsole(settings, line -> {
            out.println(line);
            out.flush();
        }, Clock.systemDefaultZone());
        console.start();
        modems.forEach(console::modemAdded);
        contexts.forEach(console::contextChanged);
    }

    @Deactivate
    synchronized void deactivate() {
        if (console != null) {
            console.close();
            console = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindModem(Modem modem, Map<String, Object> properties) {
        modems.put(modem, properties);
        if (console != null) {
            console.modemAdded(modem, properties);
        }
    }

    synchronized void updatedModem(Modem modem, Map<String, Object> properties) {
        modems.put(modem, properties);
        if (console != null) {
            console.modemModified(modem, properties);
        }
    }

    synchronized void unbindModem(Modem modem, Map<String, Object> properties) {
        modems.remove(modem);
        if (console != null) {
            console.modemRemoved(modem, properties);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindContext(ManagedPdpContext context, Map<String, Object> properties) {
        contexts.put(serviceId(properties), properties);
        if (console != null) {
            console.contextChanged(serviceId(properties), properties);
        }
    }

    synchronized void updatedContext(ManagedPdpContext context, Map<String, Object> properties) {
        bindContext(context, properties);
    }

    synchronized void unbindContext(ManagedPdpContext context, Map<String, Object> properties) {
        contexts.remove(serviceId(properties));
        if (console != null) {
            console.contextRemoved(serviceId(properties), properties);
        }
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get("service.id")).longValue();
    }
}
