package dev.cellbridge.relay.internal;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularComponents;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.relay.RelayBridge;
import dev.cellbridge.relay.RelayService;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket bridge per configuration of the factory {@value #FACTORY_PID}; runs on the relay component's MQTT
 * connection and disk queue (a static reference: a restarted relay restarts its bridges).
 */
@Component(name = BridgeComponent.FACTORY_PID, configurationPid = BridgeComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = RelayBridge.class, immediate = true,
        property = CellularComponents.CONFIGURABLE + ":Boolean=true")
@Designate(ocd = BridgeConfiguration.class, factory = true)
public final class BridgeComponent implements RelayBridge {

    static final String FACTORY_PID = "dev.cellbridge.relay.bridge";
    private static final Logger LOG = LoggerFactory.getLogger(BridgeComponent.class);

    private final SocketBridge bridge;
    private final String name;

    @Activate
    public BridgeComponent(@Reference(name = "Relay", target = "(component.name=" + RelayComponent.PID + ")")
            RelayService relayService, Map<String, Object> properties) {
        Relay relay = relayService instanceof RelayComponent c ? c.relay() : null;
        BridgeSettings settings = null;
        try {
            settings = settings(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("socket bridge {} refused: {}", properties.get("service.pid"), e.getMessage());
        }
        if (relay == null) {
            LOG.error("socket bridge {}: the relay is not running (see its configuration)", properties.get("service.pid"));
        }
        this.name = settings == null ? "" : settings.name();
        this.bridge = settings == null || relay == null ? null : new SocketBridge(settings, relay);
        if (bridge != null) {
            bridge.start();
        }
    }

    @Deactivate
    void deactivate() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean open() {
        return bridge != null && bridge.socket().isPresent();
    }

    @Override
    public long opens() {
        return bridge == null ? 0 : bridge.opens();
    }

    static BridgeSettings settings(Map<String, Object> p) {
        Attributes a = new Attributes(p);
        String name = a.string("bridge.name", "");
        if (name.isEmpty()) {
            // Kura's name as typed, or the name of an R7 named factory configuration (factoryPid~name), or the
            // last segment of a generated pid
            String pid = a.string("kura.service.pid", a.string("service.pid", "bridge"));
            int tilde = pid.lastIndexOf('~');
            name = (tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1))
                    .replaceAll("[^A-Za-z0-9._-]", "_");
        }
        ServiceType type = ServiceType.of(a.string("service.type", "TCP"));
        boolean server = type == ServiceType.TCP_LISTENER || type == ServiceType.UDP_SERVICE;
        String host = a.string("remote.host", "");
        if (server && host.isEmpty()) {
            host = "127.0.0.1";
        }
        if (!server && host.isEmpty()) {
            throw new IllegalArgumentException("remote.host is required for a " + type.text() + " client");
        }
        // a UDP client in buffer mode reads with AT+QIRD=<id>,<len>, which may join datagrams; pushed, each
        // +QIURC "recv" is one datagram (a UDP SERVICE's AT+QIRD=<id> reads one datagram in either mode)
        String mode = a.string("access.mode", "auto");
        if (mode.isEmpty() || mode.equals("auto")) {
            mode = type == ServiceType.UDP ? "push" : "buffer";
        }
        if (!mode.equals("buffer") && !mode.equals("push")) {
            throw new IllegalArgumentException("access.mode must be auto, buffer or push: \"" + mode + "\"");
        }
        SocketSpec spec = new SocketSpec(a.integer("context.id", 1, 1, 5), type, host,
                a.integer("remote.port", 0, 0, 65535), a.integer("local.port", 0, 0, 65535),
                mode.equals("push") ? AccessMode.DIRECT_PUSH : AccessMode.BUFFER, 11, 0);
        int min = a.integer("reopen.min.ms", 1000, 10, 600_000);
        int max = a.integer("reopen.max.ms", 60_000, 10, 3_600_000);
        if (max < min) {
            throw new IllegalArgumentException("reopen.max.ms " + max + " is below reopen.min.ms " + min);
        }
        return new BridgeSettings(name, a.string("modem.name", "modem"), spec, Duration.ofMillis(min),
                Duration.ofMillis(max), a.integer("tx.buffer.bytes", 1 << 20, 1, 64 << 20));
    }
}
