package dev.cellbridge.relay.internal;

import dev.cellbridge.cellular.CellularComponents;
import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.PasswordDecoder;
import dev.cellbridge.relay.RelayService;
import dev.cellbridge.relay.RelayStatus;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay as a DS component (PID {@value #PID}): follows every {@link Modem} service (its {@code modem.state}
 * property and its unregistration, GONE) and every {@link ManagedPdpContext} (its {@code context.*} properties), posts
 * to EventAdmin when one is there (optional: without it the relay still serves MQTT), and publishes through its own
 * MQTT client or, on Kura, through the cloud publisher the {@code dev.cellbridge.relay.kura} component binds.
 * A configuration change restarts the relay (the queue on disk carries over).
 */
@Component(name = RelayComponent.PID, configurationPid = RelayComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = RelayService.class, immediate = true,
        property = CellularComponents.CONFIGURABLE + ":Boolean=true")
@Designate(ocd = RelayConfiguration.class)
public final class RelayComponent implements RelayService {

    static final String PID = "dev.cellbridge.relay";
    private static final Logger LOG = LoggerFactory.getLogger(RelayComponent.class);

    private final Map<Modem, Map<String, Object>> modems = new IdentityHashMap<>(); // guarded by this
    private final Map<ManagedPdpContext, Map<String, Object>> contexts = new IdentityHashMap<>(); // guarded by this
    private volatile EventAdmin eventAdmin;
    private volatile ConfigurationAdmin configurationAdmin;
    private PasswordDecoder decoder;
    private CloudSink cloudSink; // guarded by this
    private Relay relay; // guarded by this

    @Reference(name = "EventAdmin", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventAdmin")
    void bindEventAdmin(EventAdmin value) {
        eventAdmin = value;
    }

    void unbindEventAdmin(EventAdmin value) {
        if (eventAdmin == value) {
            eventAdmin = null;
        }
    }

    @Reference(name = "ConfigurationAdmin", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindConfigurationAdmin")
    void bindConfigurationAdmin(ConfigurationAdmin value) {
        configurationAdmin = value;
    }

    void unbindConfigurationAdmin(ConfigurationAdmin value) {
        if (configurationAdmin == value) {
            configurationAdmin = null;
        }
    }

    /** Static: a decoder arriving later restarts the relay with the decoded passwords. */
    @Reference(name = "PasswordDecoder", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPasswordDecoder(PasswordDecoder value) {
        decoder = value;
    }

    @Reference(name = "Modem", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedModem", unbind = "unbindModem")
    synchronized void bindModem(Modem modem, Map<String, Object> properties) {
        modems.put(modem, properties);
        if (relay != null) {
            relay.addModem(modemName(properties), modem, modemState(properties));
        }
    }

    synchronized void updatedModem(Modem modem, Map<String, Object> properties) {
        Map<String, Object> old = modems.put(modem, properties);
        if (relay == null) {
            return;
        }
        if (old != null && !modemName(old).equals(modemName(properties))) {
            relay.removeModem(modemName(old), modem, "renamed " + modemName(properties));
            relay.addModem(modemName(properties), modem, modemState(properties));
        } else {
            relay.modemState(modemName(properties), modemState(properties), "modem.state changed");
        }
    }

    synchronized void unbindModem(Modem modem, Map<String, Object> properties) {
        Map<String, Object> old = modems.remove(modem);
        if (relay != null) {
            relay.removeModem(modemName(old == null ? properties : old), modem, "Modem service unregistered");
        }
    }

    @Reference(name = "ManagedPdpContext", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, updated = "updatedContext", unbind = "unbindContext")
    synchronized void bindContext(ManagedPdpContext context, Map<String, Object> properties) {
        Map<String, Object> old = contexts.put(context, properties);
        if (relay != null) {
            postContext(old, properties);
        }
    }

    synchronized void updatedContext(ManagedPdpContext context, Map<String, Object> properties) {
        bindContext(context, properties);
    }

    synchronized void unbindContext(ManagedPdpContext context, Map<String, Object> properties) {
        Map<String, Object> old = contexts.remove(context);
        if (relay != null) {
            retireContext(old == null ? properties : old);
        }
    }

    @Reference(name = "CloudSink", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCloudSink")
    synchronized void bindCloudSink(CloudSink sink) {
        cloudSink = sink;
        if (relay != null) {
            relay.cloudSink(sink);
        }
    }

    synchronized void unbindCloudSink(CloudSink sink) {
        if (cloudSink == sink) {
            cloudSink = null;
            if (relay != null) {
                relay.cloudSink(null);
            }
        }
    }

    @Activate
    synchronized void activate(BundleContext context, Map<String, Object> properties) {
        RelaySettings settings;
        try {
            settings = RelaySettings.of(properties, decoder, dataDir(context));
        } catch (IllegalArgumentException e) {
            LOG.error("relay configuration refused: {}; the relay does not run until it is fixed", e.getMessage());
            return;
        }
        try {
            relay = new Relay(settings.options(), settings.mqtt(), () -> eventAdmin,
                    new ConfigAdminStore(() -> configurationAdmin));
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("relay cannot start: {}; the relay does not run until the configuration is fixed", e.getMessage());
            return;
        }
        LOG.info("relay started: device {}, prefix {}, {}", settings.options().deviceId(), settings.options().prefix(),
                settings.mqtt() == null ? "no MQTT client of its own" : settings.mqtt());
        modems.forEach((m, p) -> relay.addModem(modemName(p), m, modemState(p)));
        contexts.values().forEach(p -> postContext(null, p));
        if (cloudSink != null) {
            relay.cloudSink(cloudSink);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    /** The running relay, for the bridges; null when the configuration was refused. */
    synchronized Relay relay() {
        return relay;
    }

    @Override
    public synchronized RelayStatus status() {
        return relay == null ? new RelayStatus(false, 0, 0, 0, 0, 0, 0) : relay.status();
    }

    @Override
    public synchronized String topicPrefix() {
        return relay == null ? "" : relay.topicPrefix();
    }

    /**
     * A context service's properties changed from {@code old} (null: just bound) to {@code now}. The context is
     * reported under the modem its service names: "" while it has no modem, and then it is on no modem and not
     * reported. When the name changes (bound, unbound, another modem), the entry under the old name is GONE.
     */
    private void postContext(Map<String, Object> old, Map<String, Object> now) {
        if (!(now.get(CellularComponents.CONTEXT_ID) instanceof Integer contextId)) {
            return;
        }
        String modem = contextModem(now);
        boolean moved = old != null && !(modem.equals(contextModem(old))
                && contextId.equals(old.get(CellularComponents.CONTEXT_ID)));
        if (moved) {
            retireContext(old);
        }
        if (!modem.isEmpty()) {
            relay.contextState(modem, contextId, String.valueOf(now.getOrDefault(CellularComponents.CONTEXT_STATE, "")),
                    String.valueOf(now.getOrDefault(CellularComponents.CONTEXT_IPV4, "")),
                    String.valueOf(now.getOrDefault(CellularComponents.CONTEXT_IPV6, "")));
        }
    }

    /** The context as last reported is GONE (a no-op when the relay does not know it, e.g. its modem went first). */
    private void retireContext(Map<String, Object> last) {
        if (last.get(CellularComponents.CONTEXT_ID) instanceof Integer contextId && !contextModem(last).isEmpty()) {
            relay.contextState(contextModem(last), contextId, "GONE", "", "");
        }
    }

    /** The modem a context service names; "" while it is bound to none (ManagedPdpContext's contract). */
    private static String contextModem(Map<String, Object> p) {
        Object name = p.get(CellularComponents.MODEM_NAME);
        return name == null ? "" : String.valueOf(name);
    }

    private static String modemName(Map<String, Object> p) {
        return String.valueOf(p.getOrDefault(CellularComponents.MODEM_NAME, "modem"));
    }

    private static String modemState(Map<String, Object> p) {
        return String.valueOf(p.getOrDefault(CellularComponents.MODEM_STATE, "UP"));
    }

    private static Path dataDir(BundleContext context) {
        File f = context.getDataFile("outbox");
        return f == null ? Path.of(System.getProperty("java.io.tmpdir"), "cellbridge-relay-outbox") : f.toPath();
    }

    /** The relay's configuration parsed and checked; errors name the attribute. */
    record RelaySettings(RelayOptions options, MqttSettings mqtt) {

        static RelaySettings of(Map<String, Object> p, PasswordDecoder decoder, Path defaultOutbox) {
            Attributes a = new Attributes(p);
            String deviceId = a.string("device.id", "");
            if (deviceId.isEmpty()) {
                deviceId = hostName();
            }
            deviceId = deviceId.replaceAll("[/+#\\s]", "_");
            String prefix = a.string("topic.prefix", "");
            if (prefix.isEmpty()) {
                prefix = "cellbridge/" + deviceId + "/";
            }
            prefix = topicPrefix(prefix);
            int qos = a.integer("qos", 1, 0, 2);
            String outbox = a.string("outbox.dir", "");
            RelayOptions options = new RelayOptions(deviceId, prefix, qos, a.string("modem.name", "modem"),
                    a.integer("event.queue.size", 10_000, 16, 10_000_000),
                    outbox.isEmpty() ? defaultOutbox : Path.of(outbox),
                    a.integer("outbox.capacity", 10_000, 1, 10_000_000), a.bool("outbox.fsync", false),
                    a.integer("max.payload", 65_536, 64, 16_777_216), a.bool("at.enabled", false),
                    a.strings("at.allow", List.of("ATI", "AT+CSQ", "AT+QISTATE", "AT+QIACT?", "AT+QIGETERROR",
                            "AT+QPING")),
                    a.integer("command.threads", 2, 1, 16));
            String broker = a.string("broker.url", "tcp://127.0.0.1:1883");
            MqttSettings mqtt = null;
            if (!broker.isEmpty()) {
                checkBrokerUrl(broker);
                String clientId = a.string("client.id", "");
                if (clientId.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8) {
                    throw new IllegalArgumentException("client.id is " + clientId.getBytes(StandardCharsets.UTF_8).length
                            + " bytes long (UTF-8); MQTT allows at most " + MAX_UTF8);
                }
                int min = a.integer("reconnect.min.ms", 1000, 10, 600_000);
                int max = a.integer("reconnect.max.ms", 60_000, 10, 3_600_000);
                if (max < min) {
                    throw new IllegalArgumentException("reconnect.max.ms " + max + " is below reconnect.min.ms " + min);
                }
                mqtt = new MqttSettings(broker, clientId.isEmpty() ? "cellbridge-" + deviceId : clientId,
                        a.string("username", ""), decode(a.string("password", ""), "password", decoder),
                        a.string("trust.store.path", ""),
                        decode(a.string("trust.store.password", ""), "trust.store.password", decoder), qos,
                        a.bool("clean.session", false), a.integer("keepalive", 30, 0, 65535), prefix,
                        Duration.ofMillis(min), Duration.ofMillis(max));
            }
            return new RelaySettings(options, mqtt);
        }

        /** An MQTT string's longest encoding (client id, topic). */
        private static final int MAX_UTF8 = 65_535;
        /** The longest topic prefix: leaves the relay's own levels (bridge names, request ids) ample room. */
        static final int MAX_PREFIX_BYTES = 1024;
        private static final java.util.Set<String> SCHEMES = java.util.Set.of("tcp", "ssl", "ws", "wss");

        /**
         * The forms Paho's client accepts: tcp:// and ssl:// with a host, an optional port and nothing after it;
         * ws:// and wss:// with a host, an optional port and a path.
         */
        static void checkBrokerUrl(String url) {
            URI u;
            try {
                u = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("broker.url is not a URL (" + e.getReason() + "): " + url);
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!SCHEMES.contains(scheme) || u.isOpaque()) {
                throw new IllegalArgumentException("broker.url must be tcp://, ssl://, ws:// or wss://host[:port]: "
                        + url);
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException("broker.url names no host (or the host or port is malformed): " + url);
            }
            if (u.getPort() == 0 || u.getPort() > 65535) {
                throw new IllegalArgumentException("broker.url port " + u.getPort() + " is out of range 1–65535: " + url);
            }
            if (u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("broker.url must not carry a user name or password (use the "
                        + "username and password attributes)");
            }
            boolean plain = scheme.equals("tcp") || scheme.equals("ssl");
            if (plain && (!u.getRawPath().isEmpty() || u.getRawQuery() != null || u.getRawFragment() != null)) {
                throw new IllegalArgumentException("broker.url: a " + scheme + ":// URL has nothing after host[:port]: "
                        + url);
            }
        }

        /** A prefix ending with '/', free of wildcards, empty levels, NUL and a leading $ (the broker's topics). */
        static String topicPrefix(String prefix) {
            String p = prefix.endsWith("/") ? prefix : prefix + "/";
            if (p.contains("+") || p.contains("#")) {
                throw new IllegalArgumentException("topic.prefix must not contain the MQTT wildcards + or #: " + prefix);
            }
            if (p.startsWith("/") || p.contains("//")) {
                throw new IllegalArgumentException("topic.prefix must not have an empty level (a leading / or //): "
                        + prefix);
            }
            if (p.startsWith("$")) {
                throw new IllegalArgumentException("topic.prefix must not start with $ (topics reserved for the broker): "
                        + prefix);
            }
            if (p.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("topic.prefix must not contain a NUL character");
            }
            int bytes = p.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PREFIX_BYTES) {
                throw new IllegalArgumentException("topic.prefix is " + bytes + " bytes long (UTF-8); at most "
                        + MAX_PREFIX_BYTES);
            }
            return p;
        }

        private static String decode(String stored, String attribute, PasswordDecoder decoder) {
            if (stored.isEmpty() || decoder == null) {
                return stored;
            }
            try {
                return decoder.decode(stored);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(attribute + " cannot be decoded (value not shown)");
            }
        }

        private static String hostName() {
            try {
                String h = InetAddress.getLocalHost().getHostName();
                return h == null || h.isBlank() ? "cellbridge" : h;
            } catch (IOException e) {
                return "cellbridge";
            }
        }
    }
}
