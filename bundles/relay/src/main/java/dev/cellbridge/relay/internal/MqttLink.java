package dev.cellbridge.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's MQTT connection (Eclipse Paho): connects with capped exponential backoff, sets the Last Will (the
 * retained {@code state} saying offline), publishes the retained {@code state} on every connect and change,
 * subscribes to the relay's inbound topics, and forwards the {@link DiskQueue} in order.
 *
 * <p>Delivery: up to {@link #WINDOW} messages are in flight; a message leaves the disk queue only when the broker
 * acknowledged it (QoS 1 PUBACK, QoS 2 PUBCOMP; at once for QoS 0). One Paho client lives as long as this link, so
 * with clean session off Paho itself resends what was in flight when the connection dropped (with the DUP flag,
 * completing QoS 2's handshake: exactly once to a broker that kept the session); with clean session on, or QoS 0,
 * the link resends those messages from the disk queue (at least once). After a restart of the relay the queue's
 * messages are sent again from the oldest: at least once.
 */
final class MqttLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    /**
     * Messages in flight at once (Paho's own limit is set above it, leaving room for the state). Kept below
     * Mosquitto's default {@code max_inflight_messages} of 20: beyond it Mosquitto answers an incoming QoS 2 PUBLISH
     * with PUBREC but drops the message (MQTT 3.1.1 has no way to say so), which the broker-restart test caught.
     */
    static final int WINDOW = 16;
    private static final long REDELIVERY_TIMEOUT_MS = 60_000;

    private final MqttSettings settings;
    private final DiskQueue outbox;
    private final Supplier<byte[]> state;
    private final byte[] offlineState;
    private final BiConsumer<String, byte[]> inbound;
    private final List<String> filters = new CopyOnWriteArrayList<>();
    private final MqttAsyncClient client;
    private final Thread thread;
    private final Object signal = new Object();
    private final AtomicLong published = new AtomicLong();
    // guarded by signal
    private final TreeMap<Long, Long> inflight = new TreeMap<>(); // seq -> sent at (ms)
    private final Map<Integer, Long> seqByMessageId = new HashMap<>();
    private long lastSent = -1;
    private boolean statePending = true;
    private boolean kicked;
    private boolean wasConnected;
    private long reconnectedAt;
    private volatile boolean forwarding = true;
    /** Why the last connect failed, "" after a connect succeeded (for status and tests). */
    private volatile String problem = "";
    private final javax.net.SocketFactory socketFactory;
    private volatile boolean running = true;

    /**
     * @param state        the current retained {@code state} JSON (asked on every connect and change)
     * @param offlineState the Last Will: the retained {@code state} when the relay is gone
     * @param inbound      receives (topic without the prefix, payload) of inbound messages, on Paho's thread:
     *                     must hand off and return
     * @throws IOException when the trust store cannot be read: the error names {@code trust.store.path}
     */
    MqttLink(MqttSettings settings, DiskQueue outbox, Supplier<byte[]> state, byte[] offlineState,
            BiConsumer<String, byte[]> inbound) throws MqttException, IOException {
        // read once, now: a missing or unreadable trust store is a configuration error, not a connect failure
        this.socketFactory = settings.trustStore().isEmpty() ? null : trustStoreContext(settings).getSocketFactory();
        this.settings = settings;
        this.outbox = outbox;
        this.state = state;
        this.offlineState = offlineState.clone();
        this.inbound = inbound;
        this.client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client.setCallback(new Callback());
        this.thread = new Thread(this::run, "cellbridge-relay-mqtt-" + settings.clientId());
        thread.setDaemon(true);
    }

    /** Adds an inbound topic filter (relative to the prefix); subscribed now if connected and on every connect. */
    void subscribe(String relativeFilter) {
        filters.add(relativeFilter);
        if (client.isConnected()) {
            try {
                client.subscribe(settings.prefix() + relativeFilter, settings.qos());
            } catch (MqttException e) {
                LOG.warn("MQTT: subscribing to {} failed: {}", settings.prefix() + relativeFilter, e.toString());
            }
        }
    }

    void unsubscribe(String relativeFilter) {
        filters.remove(relativeFilter);
        if (client.isConnected()) {
            try {
                client.unsubscribe(settings.prefix() + relativeFilter);
            } catch (MqttException e) {
                LOG.debug("MQTT: unsubscribing from {} failed: {}", relativeFilter, e.toString());
            }
        }
    }

    void start() {
        thread.start();
    }

    /** Something was queued: send it now. */
    void kick() {
        synchronized (signal) {
            kicked = true;
            signal.notifyAll();
        }
    }

    /** The state changed: publish it (retained) soon. */
    void stateChanged() {
        synchronized (signal) {
            statePending = true;
            kicked = true;
            signal.notifyAll();
        }
    }

    /** Whether this link sends the disk queue (false while another transport, Kura's, does). */
    void forwarding(boolean on) {
        forwarding = on;
        kick();
    }

    boolean connected() {
        return client.isConnected();
    }

    long published() {
        return published.get();
    }

    MqttSettings settings() {
        return settings;
    }

    private void run() {
        long backoff = settings.reconnectMin().toMillis();
        while (running) {
            if (!client.isConnected()) {
                connectionLost();
                if (!connect()) {
                    pause(backoff);
                    backoff = Math.min(backoff * 2, settings.reconnectMax().toMillis());
                    continue;
                }
                backoff = settings.reconnectMin().toMillis();
            }
            try {
                publishStateIfPending();
                if (forwarding) {
                    fillWindow();
                }
            } catch (MqttException e) {
                if (running) {
                    LOG.debug("MQTT: publishing failed: {}", e.toString());
                }
            }
            synchronized (signal) {
                if (!kicked && running) {
                    try {
                        signal.wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                kicked = false;
            }
        }
    }

    private void pause(long millis) {
        synchronized (signal) {
            long end = System.currentTimeMillis() + millis;
            long left = millis;
            while (running && left > 0) {
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    return;
                }
                left = end - System.currentTimeMillis();
            }
        }
    }

    private boolean connect() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(settings.cleanSession());
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setAutomaticReconnect(false); // the link's own capped backoff
        o.setMaxInflight(WINDOW * 4);
        o.setConnectionTimeout(10);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            o.setPassword(settings.password().toCharArray());
        }
        o.setWill(settings.prefix() + "state", offlineState, Math.max(1, settings.qos()), true);
        if (socketFactory != null) {
            o.setSocketFactory(socketFactory);
        }
        try {
            client.connect(o).waitForCompletion(15_000);
            for (String f : filters) {
                // before the state says online, so a command sent on seeing it is not missed
                client.subscribe(settings.prefix() + f, settings.qos()).waitForCompletion(10_000);
            }
            synchronized (signal) {
                statePending = true;
                reconnectedAt = System.currentTimeMillis();
                wasConnected = true;
            }
            problem = "";
            LOG.info("MQTT: connected to {} as {}", settings.brokerUrl(), settings.clientId());
            return true;
        } catch (MqttException e) {
            String why = describe(e);
            if (running && !why.equals(problem)) {
                LOG.warn("MQTT: cannot connect to {}: {}", settings.brokerUrl(), why); // once per new reason
            } else if (running) {
                LOG.debug("MQTT: cannot connect to {}: {}", settings.brokerUrl(), why);
            }
            problem = why;
            try {
                if (client.isConnected()) {
                    client.disconnect(0);
                }
            } catch (MqttException ignored) {
                // no connection to end
            }
            return false;
        }
    }

    /** Why the last connect failed, naming the problem (an untrusted certificate names the trust store); "" if none. */
    String problem() {
        return problem;
    }

    /** A connect failure in words: TLS failures say what was not trusted and by which trust store. */
    private String describe(MqttException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return "the broker's certificate is not trusted by " + (settings.trustStore().isEmpty()
                        ? "the JVM's default trust store (set trust.store.path)"
                        : "trust.store.path " + settings.trustStore()) + ": " + t.getMessage();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed: " + t.getMessage(); // e.g. a host name the certificate does not name
            }
        }
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null ? "" : " (" + cause + ")");
    }

    private static SSLContext trustStoreContext(MqttSettings settings) throws IOException {
        Path path = Path.of(settings.trustStore());
        char[] pw = settings.trustStorePassword().isEmpty() ? null : settings.trustStorePassword().toCharArray();
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12 (also reads JKS) on Java 9+
            try (InputStream in = Files.newInputStream(path)) {
                ks.load(in, pw);
            }
            if (ks.size() == 0) {
                throw new IOException("trust.store.path " + path + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("trust.store.path " + path + " does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("trust.store.path " + path + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("trust.store.path")) {
                throw e;
            }
            // KeyStore.load says a wrong password with an IOException whose cause is UnrecoverableKeyException
            throw new IOException("trust.store.path " + path + " cannot be read as a PKCS12 or JKS trust store with "
                    + "trust.store.password (wrong password or not a trust store): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("trust.store.path " + path + ": " + e, e);
        }
    }

    /** After a lost connection: decide what the link must resend itself. */
    private void connectionLost() {
        synchronized (signal) {
            if (!wasConnected) {
                return;
            }
            wasConnected = false;
            if (!inflight.isEmpty() && (settings.cleanSession() || settings.qos() == 0)) {
                // Paho drops these on reconnect: send them again from the disk queue
                lastSent = inflight.firstKey() - 1;
                inflight.clear();
                seqByMessageId.clear();
            }
        }
    }

    private void publishStateIfPending() throws MqttException {
        boolean pending;
        synchronized (signal) {
            pending = statePending;
            statePending = false;
        }
        if (pending) {
            MqttMessage m = new MqttMessage(state.get());
            m.setQos(Math.max(1, settings.qos()));
            m.setRetained(true);
            try {
                client.publish(settings.prefix() + "state", m);
            } catch (MqttException e) {
                synchronized (signal) {
                    statePending = true;
                }
                throw e;
            }
        }
    }

    private void fillWindow() throws MqttException {
        redeliverOverdue();
        while (running && forwarding) {
            long after;
            synchronized (signal) {
                if (inflight.size() >= WINDOW) {
                    return;
                }
                after = lastSent;
            }
            Optional<OutboxMessage> next = outbox.after(after);
            if (next.isEmpty()) {
                return;
            }
            OutboxMessage m = next.get();
            MqttMessage mm = new MqttMessage(m.payload());
            mm.setQos(m.qos());
            mm.setRetained(m.retained());
            synchronized (signal) {
                inflight.put(m.seq(), System.currentTimeMillis());
                lastSent = m.seq();
            }
            IMqttDeliveryToken token;
            try {
                token = client.publish(m.topic(), mm, m.seq(), new Delivered());
            } catch (MqttException e) {
                synchronized (signal) { // not taken by Paho: send it again later
                    inflight.remove(m.seq());
                    lastSent = Math.min(lastSent, m.seq() - 1);
                }
                throw e;
            }
            synchronized (signal) {
                if (inflight.containsKey(m.seq()) && m.qos() > 0) {
                    seqByMessageId.put(token.getMessageId(), m.seq());
                }
            }
        }
    }

    /**
     * A message in flight across a reconnect is resent by Paho and acknowledged then; should the broker never answer
     * it (it lost the session), send it again rather than stall the queue (may duplicate it; logged).
     */
    private void redeliverOverdue() {
        synchronized (signal) {
            if (inflight.isEmpty() || System.currentTimeMillis() - reconnectedAt < REDELIVERY_TIMEOUT_MS) {
                return;
            }
            long first = inflight.firstKey();
            if (System.currentTimeMillis() - inflight.get(first) > REDELIVERY_TIMEOUT_MS) {
                LOG.warn("MQTT: {} message(s) from seq {} unacknowledged for {} s; sending them again",
                        inflight.size(), first, REDELIVERY_TIMEOUT_MS / 1000);
                lastSent = first - 1;
                inflight.clear();
                seqByMessageId.clear();
            }
        }
    }

    private void acknowledged(long seq) {
        boolean was;
        synchronized (signal) {
            was = inflight.remove(seq) != null;
            seqByMessageId.values().remove(seq);
            kicked = true;
            signal.notifyAll();
        }
        if (was) {
            outbox.remove(seq);
            published.incrementAndGet();
        }
    }

    /** Publishes the offline state (a clean disconnect does not fire the Will), disconnects, stops the thread. */
    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                MqttMessage m = new MqttMessage(offlineState);
                m.setQos(Math.max(1, settings.qos()));
                m.setRetained(true);
                client.publish(settings.prefix() + "state", m).waitForCompletion(2000);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT: disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT: close: {}", e.toString());
        }
    }

    /** Acknowledgement of one outbox message (the token's user context is its seq). */
    private final class Delivered implements IMqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            if (token.getUserContext() instanceof Long seq) {
                acknowledged(seq);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            // connection lost: Paho resends it (clean session off, QoS > 0) or connectionLost() schedules it again
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            LOG.info("MQTT: connection to {} lost: {}", settings.brokerUrl(), String.valueOf(cause));
            kick();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String prefix = settings.prefix();
            if (!topic.startsWith(prefix)) {
                return;
            }
            String relative = topic.substring(prefix.length());
            for (String f : new ArrayList<>(filters)) {
                if (MqttTopic.isMatched(f, relative)) {
                    inbound.accept(relative, message.getPayload());
                    return;
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // a message Paho resent after a reconnect completes on a restored token without our listener
            Long seq;
            if (token.getUserContext() instanceof Long own) {
                seq = own; // our own token (its id may already serve a newer message)
            } else {
                synchronized (signal) {
                    seq = seqByMessageId.get(token.getMessageId());
                }
            }
            if (seq != null) {
                acknowledged(seq);
            }
        }
    }
}
