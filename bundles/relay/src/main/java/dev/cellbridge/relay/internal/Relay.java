package dev.cellbridge.relay.internal;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.relay.RelayStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay without OSGi: follows modems, posts what they report to EventAdmin, queues it for MQTT (on disk) and
 * forwards it through its own MQTT client or a {@link CloudSink}; runs fleet commands.
 *
 * <p>Threads: a modem's URC listener runs on its AT channel's dispatcher, so it only {@link HandOff#offer offers}
 * the event to the relay's event thread ({@code cellbridge-relay-events}), which posts to EventAdmin (asynchronously,
 * {@code postEvent}) and appends to the disk queue. A full event queue drops and counts (log and {@code state}); it
 * never blocks the module's reader.
 */
public final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final RelayOptions options;
    private final Supplier<EventAdmin> eventAdmin;
    private final DiskQueue outbox;
    private final HandOff<RelayEvent> events;
    private final HandOff<OutboxMessage> writer;
    private final StateModel state;
    private final Map<String, ModemEntry> modems = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.BiConsumer<String, byte[]>> routes = new ConcurrentHashMap<>();
    private final RelaySockets sockets;
    private final Commands commands;
    private final MqttLink mqtt;
    private final CloudForwarder cloud;
    private final Gson gson = new com.google.gson.GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private final AtomicLong posted = new AtomicLong();
    private volatile long reportedDrops;
    private volatile boolean closing;

    private record ModemEntry(Modem modem, Subscription subscription) {
    }



    /**
     * @param mqttSettings the broker, or null for none (Kura's cloud connection only)
     * @param eventAdmin   the EventAdmin now, or null while there is none
     * @param configs      what {@code cmd/config} reads and writes, or null when configuration is not available
     */
    Relay(RelayOptions options, MqttSettings mqttSettings, Supplier<EventAdmin> eventAdmin, ConfigStore configs)
            throws IOException {
        this.options = options;
        this.eventAdmin = eventAdmin;
        this.outbox = openOutbox(options);
        this.state = new StateModel(options.deviceId());
        this.sockets = new RelaySockets(options.modemName(), new SocketEvents());
        this.commands = new Commands(this, configs);
        this.cloud = new CloudForwarder(outbox, options.prefix());
        MqttLink link = null;
        if (mqttSettings != null) {
            try {
                link = new MqttLink(mqttSettings, outbox, this::stateJson,
                        gson.toJson(StateModel.offline(options.deviceId())).getBytes(StandardCharsets.UTF_8),
                        this::inbound);
            } catch (MqttException e) {
                throw new IOException("MQTT client for " + mqttSettings.brokerUrl() + ": " + e.getMessage(), e);
            }
            link.subscribe("cmd/+");
            link.subscribe("socket/+/tx");
        }
        this.mqtt = link;
        // two threads: EventAdmin never waits for the disk, the disk never for EventAdmin
        this.writer = new HandOff<>("cellbridge-relay-outbox", options.eventQueue(), outbox::persist);
        this.events = new HandOff<>("cellbridge-relay-events", options.eventQueue(), this::deliver);
        if (mqtt != null) {
            mqtt.start();
        }
    }

    /**
     * The disk queue, or an error naming {@code outbox.dir}: the relay refuses to run without its store-and-forward
     * queue rather than lose messages silently while the broker is away.
     */
    private static DiskQueue openOutbox(RelayOptions options) throws IOException {
        java.nio.file.Path dir = options.outboxDir();
        for (java.nio.file.Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p)) {
                if (!java.nio.file.Files.isDirectory(p)) {
                    throw new IOException("outbox.dir " + dir + " is not a directory (" + p + " is a file)");
                }
                break;
            }
        }
        try {
            return new DiskQueue(dir, options.outboxCapacity(), options.outboxFsync());
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("outbox.dir " + dir + " is not writable (permission denied: " + e.getFile() + ")", e);
        } catch (IOException e) {
            throw new IOException("outbox.dir " + dir + " cannot be used: " + e, e);
        }
    }

    /**
     * A relay outside OSGi (benchmarks, embedding in a plain Java program) with the defaults of
     * {@link RelayOptions#defaults}: topic prefix {@code cellbridge/<deviceId>/}, the given QoS, clean session off.
     *
     * @param brokerUrl  the broker, or null for none
     * @param fsync      force each queued message to the device
     * @param eventAdmin where events go, or null for none
     */
    public static Relay standalone(String deviceId, java.nio.file.Path outboxDir, String brokerUrl, int qos,
            boolean fsync, EventAdmin eventAdmin) throws IOException {
        RelayOptions o = RelayOptions.defaults(deviceId, outboxDir).withQos(qos).withOutbox(10_000, fsync);
        MqttSettings m = brokerUrl == null ? null : new MqttSettings(brokerUrl, "cellbridge-" + deviceId, "", "", "", "",
                qos, false, 30, o.prefix(), Duration.ofMillis(100), Duration.ofSeconds(5));
        return new Relay(o, m, () -> eventAdmin, null);
    }

    /** Starts following a modem (its URCs) in the given state. */
    public void addModem(String name, Modem modem, String modemState) {
        Subscription sub = modem.subscribe(e -> urc(name, e));
        ModemEntry old = modems.put(name, new ModemEntry(modem, sub));
        if (old != null) {
            old.subscription().close();
        }
        events.offer(new RelayEvent.ModemState(name, modemState, "registered"));
    }

    /** A modem's state changed (UP, UNRESPONSIVE, REBOOTING). */
    public void modemState(String name, String modemState, String reason) {
        events.offer(new RelayEvent.ModemState(name, modemState, reason));
    }

    /** A modem went away (state GONE); the relay's sockets on it end. */
    public void removeModem(String name, Modem modem, String reason) {
        ModemEntry e = modems.get(name);
        if (e != null && (modem == null || e.modem() == modem) && modems.remove(name, e)) {
            e.subscription().close();
            if (name.equals(options.modemName())) {
                sockets.closeAll(); // gone with the modem; a modem that comes back gets new ones
            }
            events.offer(new RelayEvent.ModemState(name, "GONE", reason));
        }
    }

    /** A PDP context changed (from the context service's properties); GONE when the service went away. */
    public void contextState(String modem, int contextId, String contextState, String ipv4, String ipv6) {
        events.offer(new RelayEvent.ContextState(modem, contextId, contextState, ipv4, ipv6));
    }

    /** Sends through Kura's cloud connection from now on (null: back to the relay's own MQTT client). */
    public void cloudSink(CloudSink sink) {
        cloud.sink(sink);
        if (mqtt != null) {
            mqtt.forwarding(sink == null);
        }
        if (sink != null) {
            cloud.kick();
        }
    }

    private void urc(String modem, CellularEvent e) {
        events.offer(new RelayEvent.Urc(modem, e)); // dispatcher thread: never wait
    }

    /** The modem fleet commands act on. */
    Optional<Modem> modem() {
        ModemEntry e = modems.get(options.modemName());
        return e == null ? Optional.empty() : Optional.of(e.modem());
    }

    /** A modem by name. */
    Optional<Modem> modem(String name) {
        ModemEntry e = modems.get(name);
        return e == null ? Optional.empty() : Optional.of(e.modem());
    }

    /**
     * Sends inbound messages on a topic filter (relative to the prefix) to a handler, on MQTT's callback thread
     * (hand off, never wait). For socket bridges.
     */
    void route(String filter, java.util.function.BiConsumer<String, byte[]> handler) {
        routes.put(filter, handler);
        if (mqtt != null) {
            mqtt.subscribe(filter);
        }
    }

    void unroute(String filter) {
        routes.remove(filter);
        if (mqtt != null) {
            mqtt.unsubscribe(filter);
        }
    }

    /** A socket state change from a bridge (EventAdmin and {@code state}); may wait while the event queue is full. */
    void socketState(String modem, int connectId, String serviceType, String socketState) {
        put(new RelayEvent.SocketState(modem, connectId, serviceType, socketState));
    }

    RelayOptions options() {
        return options;
    }

    RelaySockets sockets() {
        return sockets;
    }

    public RelayStatus status() {
        return new RelayStatus(mqtt != null && mqtt.connected(), posted.get(), events.dropped() + writer.dropped(),
                outbox.size(),
                outbox.dropped(), (mqtt == null ? 0 : mqtt.published()) + cloud.published(), commands.answered());
    }

    /** Why the relay's MQTT client last failed to connect, "" when it is connected or has none. */
    String mqttProblem() {
        return mqtt == null ? "" : mqtt.problem();
    }

    public String topicPrefix() {
        return options.prefix();
    }

    JsonObject stateObject(boolean online) {
        return state.json(online, events.dropped() + writer.dropped(), outbox.dropped());
    }

    private byte[] stateJson() {
        return gson.toJson(stateObject(true)).getBytes(StandardCharsets.UTF_8);
    }

    // ---- the event thread

    private void deliver(RelayEvent e) {
        if (!state.accept(e)) {
            return; // a state that did not change
        }
        EventAdmin ea = eventAdmin.get();
        if (ea != null) {
            try {
                ea.postEvent(new Event(e.topic(), e.properties()));
                posted.incrementAndGet();
            } catch (RuntimeException ex) {
                LOG.warn("EventAdmin refused {}: {}", e.topic(), ex.toString());
            }
        }
        if (e instanceof RelayEvent.Urc u) {
            JsonObject j = urcJson(u);
            toWriter(outbox.reserve(options.prefix() + "urc/" + u.event().name(), options.qos(), false,
                    seq -> json(j, seq)));
            derived(u);
        } else if (e instanceof RelayEvent.SocketData d) {
            if (d.modem().equals(options.modemName()) && awaitRoom()) {
                toWriter(outbox.reserve(options.prefix() + "socket/" + d.connectId() + "/rx", options.qos(), false,
                        seq -> d.data()));
            }
        } else {
            stateChanged();
        }
        long drops = events.dropped() + writer.dropped() + outbox.dropped();
        if (drops != reportedDrops) {
            reportedDrops = drops;
            stateChanged();
        }
    }

    /**
     * From the event thread: the message is queued in memory and sendable already (kicked); the disk writer keeps it
     * (waiting while the writer's queue is full: a slow disk).
     */
    private void toWriter(OutboxMessage m) {
        if (m == null) {
            return; // dropped by a full queue (counted)
        }
        kick();
        try {
            if (!writer.put(m)) {
                LOG.warn("relay stopping: {} not written to disk", m);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] json(JsonObject j, long seq) {
        j.addProperty("seq", seq);
        return gson.toJson(j).getBytes(StandardCharsets.UTF_8);
    }

    /** State changes a URC implies: sockets closed or accepted, contexts lost or (de)activated. */
    private void derived(RelayEvent.Urc u) {
        String m = u.modem();
        CellularEvent e = u.event();
        if (e instanceof CellularEvent.Closed c) {
            deliver(new RelayEvent.SocketState(m, c.connectId(), state.serviceType(m, c.connectId()), "CLOSED"));
        } else if (e instanceof CellularEvent.Incoming i) {
            deliver(new RelayEvent.SocketState(m, i.connectId(), "TCP INCOMING", "OPEN"));
        } else if (e instanceof CellularEvent.PdpDeactivated p) {
            deliver(new RelayEvent.ContextState(m, p.contextId(), "INACTIVE", "", ""));
        } else if (e instanceof CellularEvent.ContextActivated a && a.succeeded() && a.state() != null) {
            deliver(new RelayEvent.ContextState(m, a.contextId(), "ACTIVE", a.state().ipv4(), a.state().ipv6()));
        } else if (e instanceof CellularEvent.ContextDeactivated d && d.succeeded()) {
            deliver(new RelayEvent.ContextState(m, d.contextId(), "INACTIVE", "", ""));
        }
    }

    private JsonObject urcJson(RelayEvent.Urc u) {
        JsonObject j = new JsonObject();
        j.addProperty("modem", u.modem());
        j.addProperty("name", u.event().name());
        j.addProperty("urc", u.event().line());
        j.addProperty("time", Instant.now().toString());
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        RelayEvent.Urc.fields(u.event(), fields);
        fields.forEach((k, v) -> {
            if (v instanceof byte[] b) {
                j.addProperty(k, Base64.getEncoder().encodeToString(b));
            } else if (v instanceof Number n) {
                j.addProperty(k, n);
            } else {
                j.addProperty(k, String.valueOf(v));
            }
        });
        return j;
    }

    private void stateChanged() {
        if (mqtt != null) {
            mqtt.stateChanged();
        }
        cloud.stateChanged(stateJson());
    }

    /** Queues JSON below the prefix; the message gets its queue sequence number as {@code seq} (for dedupe). */
    void queue(String topic, JsonObject json) {
        if (outbox.append(options.prefix() + topic, options.qos(), false, seq -> json(json, seq)) != null) {
            kick();
        }
    }

    /**
     * Queues socket bytes: when the queue is full they wait for room (the reading thread stops, so the module's buffer
     * and TCP flow control hold the data) instead of pushing older messages out.
     */
    void queueRaw(String topic, byte[] data) {
        if (awaitRoom()) {
            outbox.append(options.prefix() + topic, options.qos(), false, seq -> data);
            kick();
        } else {
            LOG.warn("relay stopping with a full queue: {} bytes for {} not queued", data.length, topic);
        }
    }

    /** Waits until the disk queue has room (socket bytes never push messages out); false when the relay stops. */
    private boolean awaitRoom() {
        try {
            while (!outbox.awaitRoom(1000)) {
                if (closing) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void kick() {
        if (mqtt != null) {
            mqtt.kick();
        }
        cloud.kick();
    }

    /** Input that cannot be answered on a reply topic (no usable requestId, tx to an unknown socket). */
    void error(String topic, String problem) {
        JsonObject j = new JsonObject();
        j.addProperty("topic", topic);
        j.addProperty("ok", false);
        j.addProperty("error", problem);
        j.addProperty("time", Instant.now().toString());
        queue("error", j);
    }

    /** Inbound MQTT, on Paho's callback thread: hand off, never wait. */
    private void inbound(String topic, byte[] payload) {
        for (Map.Entry<String, java.util.function.BiConsumer<String, byte[]>> r : routes.entrySet()) {
            if (org.eclipse.paho.client.mqttv3.MqttTopic.isMatched(r.getKey(), topic)) {
                r.getValue().accept(topic, payload);
                return;
            }
        }
        if (topic.startsWith("cmd/")) {
            commands.submit(topic.substring(4), payload);
        } else if (topic.startsWith("socket/") && topic.endsWith("/tx")) {
            String id = topic.substring(7, topic.length() - 3);
            try {
                int connectId;
                try {
                    connectId = Integer.parseInt(id);
                } catch (NumberFormatException e) {
                    throw new BadRequest("connectId \"" + Request.abbreviate(id) + "\" is not a number");
                }
                if (payload.length > options.maxPayload()) {
                    throw new BadRequest("payload of " + payload.length + " bytes exceeds the limit of "
                            + options.maxPayload() + " bytes");
                }
                if (payload.length == 0) {
                    throw new BadRequest("empty payload: nothing to send");
                }
                sockets.tx(connectId, payload);
            } catch (BadRequest e) {
                error(topic, e.getMessage());
            }
        }
    }

    /**
     * Hands an event to the event thread, waiting while its queue is full: the relay's own threads (socket readers,
     * bridges) are slowed rather than lose data.
     */
    private void put(RelayEvent e) {
        try {
            if (!events.put(e)) {
                LOG.warn("relay stopping: {} not relayed", e);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test and benchmark hook: feeds an event as a modem's dispatcher would. */
    void inject(String modem, CellularEvent e) {
        urc(modem, e);
    }

    @Override
    public void close() {
        closing = true;
        commands.close();
        for (ModemEntry e : modems.values()) {
            e.subscription().close();
        }
        sockets.close();
        events.close();
        writer.close();
        cloud.close();
        if (mqtt != null) {
            mqtt.close();
        }
    }

    private final class SocketEvents implements RelaySockets.Listener {
        @Override
        public void data(int connectId, byte[] data, String remoteIp, int remotePort) {
            put(new RelayEvent.SocketData(options.modemName(), connectId, data, remoteIp, remotePort));
        }

        @Override
        public void state(int connectId, String serviceType, String socketState) {
            put(new RelayEvent.SocketState(options.modemName(), connectId, serviceType, socketState));
        }
    }
}
