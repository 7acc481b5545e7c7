package dev.cellbridge.gateway.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configurations the gateway applies when its configuration directory does not give them, so that it runs out of
 * the box: the modem on {@code --port}, the status console and the relay on the MQTT broker; on the embedded simulator
 * also PDP context 1 (APN {@value #SIM_APN}, activated), the console's echo probe to the simulator's virtual echo
 * server and a relay socket bridge to that server.
 *
 * <p>Attribute ids are those of the components' metatype (dev.cellbridge.cellular.modem / .context,
 * dev.cellbridge.cli.console, dev.cellbridge.relay / .relay.bridge).
 */
final class DefaultConfigurations {

    static final String MODEM_PID = "dev.cellbridge.cellular.modem";
    static final String CONTEXT_FACTORY_PID = "dev.cellbridge.cellular.context";
    static final String CONSOLE_PID = "dev.cellbridge.cli.console";
    static final String RELAY_PID = "dev.cellbridge.relay";
    static final String BRIDGE_FACTORY_PID = "dev.cellbridge.relay.bridge";
    /** Name of the default bridge's factory configuration ({@code dev.cellbridge.relay.bridge~echo}). */
    static final String BRIDGE_NAME = "echo";

    /** Name of the default context's factory configuration ({@code dev.cellbridge.cellular.context~1}). */
    static final String CONTEXT_NAME = "1";
    static final String SIM_APN = "UNINET";
    /** Seconds between two probe lines on the embedded simulator. */
    static final int SIM_PROBE_INTERVAL = 3;

    /** One default configuration. */
    record Default(ConfigId id, Map<String, Object> properties) {
        Default {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    private DefaultConfigurations() {
    }

    /**
     * The defaults for the module on {@code linkUri}; {@code simulated} when it is the embedded simulator.
     */
    static List<Default> forModule(String linkUri, boolean simulated) {
        List<Default> defaults = new ArrayList<>();
        Map<String, Object> modem = new LinkedHashMap<>();
        modem.put("link.uri", linkUri);
        defaults.add(new Default(new ConfigId.Singleton(MODEM_PID), modem));
        Map<String, Object> console = new LinkedHashMap<>();
        if (simulated) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("context.id", 1);
            context.put("apn", SIM_APN);
            context.put("activate", Boolean.TRUE);
            defaults.add(new Default(new ConfigId.Factory(CONTEXT_FACTORY_PID, CONTEXT_NAME), context));
            console.put("probe.host", EmbeddedModule.VIRTUAL_HOST);
            console.put("probe.port", EmbeddedModule.VIRTUAL_PORT);
            console.put("probe.interval", SIM_PROBE_INTERVAL);
            console.put("probe.context", 1);
        }
        defaults.add(new Default(new ConfigId.Singleton(CONSOLE_PID), console));
        return defaults;
    }

    /**
     * The relay's defaults: the relay publishing to {@code brokerUrl} with its store-and-forward queue in
     * {@code outboxDir}; on the embedded simulator also a socket bridge to its echo server (MQTT topics
     * {@code bridge/echo/rx} and {@code bridge/echo/tx}). Attribute ids are those of the relay's metatype.
     */
    static List<Default> forRelay(String brokerUrl, String outboxDir, boolean simulated) {
        List<Default> defaults = new ArrayList<>();
        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("broker.url", brokerUrl);
        relay.put("outbox.dir", outboxDir);
        defaults.add(new Default(new ConfigId.Singleton(RELAY_PID), relay));
        if (simulated) {
            Map<String, Object> bridge = new LinkedHashMap<>();
            bridge.put("bridge.name", BRIDGE_NAME);
            bridge.put("service.type", "TCP");
            bridge.put("context.id", 1);
            bridge.put("remote.host", EmbeddedModule.VIRTUAL_HOST);
            bridge.put("remote.port", EmbeddedModule.VIRTUAL_PORT);
            defaults.add(new Default(new ConfigId.Factory(BRIDGE_FACTORY_PID, BRIDGE_NAME), bridge));
        }
        return defaults;
    }

    /**
     * Applies each default whose PID (for a factory: whose factory PID) has no configuration yet; says which on
     * {@code log}. A refusal is reported and the others are still applied.
     *
     * @return the defaults applied
     */
    static List<Default> applyMissing(List<Default> defaults, ConfigurationTarget target, Consumer<String> log) {
        List<Default> applied = new ArrayList<>();
        for (Default d : defaults) {
            String what = d.id() instanceof ConfigId.Factory f ? "factory PID " + f.factoryPid() : d.id().pid();
            try {
                if (target.configured(d.id())) {
                    log.accept(what + " is configured; no default");
                    continue;
                }
                target.apply(d.id(), d.properties());
                applied.add(d);
                log.accept("default " + d.id().pid() + " " + d.properties());
            } catch (Exception e) {
                log.accept("cannot apply the default " + d.id().pid() + ": " + e);
            }
        }
        return applied;
    }

    /** The default's properties as the log shows them (for tests). */
    static Optional<Default> find(List<Default> defaults, String pid) {
        return defaults.stream().filter(d -> d.id().pid().equals(pid)).findFirst();
    }
}
