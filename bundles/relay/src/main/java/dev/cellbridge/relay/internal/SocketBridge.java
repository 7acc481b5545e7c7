package dev.cellbridge.relay.internal;

import com.google.gson.JsonObject;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SendTotals;
import dev.cellbridge.cellular.ServiceType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one module socket open and relays it both ways to MQTT, reopening with capped backoff when it ends.
 *
 * <p>Topics (below the relay's prefix): a TCP or UDP client and a UDP SERVICE use {@code bridge/<name>/rx} (bytes
 * from the socket) and {@code bridge/<name>/tx} (bytes to it; a UDP SERVICE answers the last peer heard from); a TCP
 * LISTENER's connections use {@code bridge/<name>/<connectId>/rx} and {@code .../tx}. {@code bridge/<name>/events}
 * carries JSON {@code {"event":"open"|"closed",...}} for the socket and each connection.
 *
 * <p>No byte lost or duplicated where TCP allows: bytes read from the socket are in the disk queue before the next
 * read; bytes from {@code tx} wait (bounded) while the socket is down and go out after the reopen; for a TCP client,
 * after each write the bridge asks the module what the peer has not acknowledged ({@code AT+QISEND=<id>,0}) and keeps
 * those bytes, which it sends again first on the new connection: the peer may see again what it received but had
 * not acknowledged when the connection broke (TCP cannot say), never a gap.
 */
final class SocketBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketBridge.class);

    private final BridgeSettings settings;
    private final Relay relay;
    private final String topic;
    private final Thread thread;
    private final LinkedBlockingDeque<byte[]> tx = new LinkedBlockingDeque<>();
    private final AtomicLong txQueued = new AtomicLong();
    private final Map<Integer, ModemSocket> connections = new ConcurrentHashMap<>();
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private volatile ModemSocket socket;
    private volatile Datagram lastPeer;
    private volatile boolean running = true;
    private byte[] unacknowledged = new byte[0]; // writer thread only
    private final AtomicLong opens = new AtomicLong();
    /** Listener bridges: writes to the connections, in arrival order, never on MQTT's callback thread. */
    private java.util.concurrent.ExecutorService connectionWriter;
    private final AtomicLong connectionTxQueued = new AtomicLong();

    SocketBridge(BridgeSettings settings, Relay relay) {
        this.settings = settings;
        this.relay = relay;
        this.topic = "bridge/" + settings.name() + "/";
        this.thread = new Thread(this::run, "cellbridge-bridge-" + settings.name());
        thread.setDaemon(true);
    }

    void start() {
        if (settings.spec().serviceType() == ServiceType.TCP_LISTENER) {
            connectionWriter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, thread.getName() + "-connections-tx");
                t.setDaemon(true);
                return t;
            });
            relay.route(topic + "+/tx", this::connectionTx);
        } else {
            relay.route(topic + "tx", (t, data) -> tx(data));
        }
        thread.start();
    }

    /** How often the socket was opened (1 after the first open). */
    long opens() {
        return opens.get();
    }

    private void tx(byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (txQueued.get() + data.length > settings.txBuffer()) {
            relay.error(topic + "tx", "bridge " + settings.name() + ": " + txQueued.get() + " bytes already wait for "
                    + "the socket (limit " + settings.txBuffer() + "); " + data.length + " bytes refused");
            return;
        }
        txQueued.addAndGet(data.length);
        tx.add(data);
    }

    private void connectionTx(String t, byte[] data) {
        String id = t.substring(topic.length(), t.length() - 3);
        ModemSocket c = null;
        try {
            c = connections.get(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (c == null) {
            relay.error(t, "bridge " + settings.name() + " has no connection " + Request.abbreviate(id));
            return;
        }
        if (connectionTxQueued.get() + data.length > settings.txBuffer()) {
            relay.error(t, "bridge " + settings.name() + ": " + connectionTxQueued.get() + " bytes already wait for "
                    + "the connections (limit " + settings.txBuffer() + "); " + data.length + " bytes refused");
            return;
        }
        ModemSocket target = c;
        // one writer thread keeps the order; a write waits for the module (up to its AT timeout), which MQTT's
        // callback thread must never do: every other inbound message would wait behind it
        connectionTxQueued.addAndGet(data.length);
        try {
            connectionWriter.execute(() -> {
                try {
                    target.output().write(data);
                    target.output().flush();
                } catch (IOException e) {
                    relay.error(t, "bridge " + settings.name() + ": " + data.length + " bytes not sent: "
                            + e.getMessage());
                } finally {
                    connectionTxQueued.addAndGet(-data.length);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            connectionTxQueued.addAndGet(-data.length); // the bridge is closing
        }
    }

    private void run() {
        long backoff = settings.reopenMin().toMillis();
        while (running) {
            Optional<Modem> modem = relay.modem(settings.modemName());
            if (modem.isEmpty()) {
                pause(backoff);
                continue;
            }
            ModemSocket s;
            try {
                s = modem.get().open(settings.spec());
            } catch (IOException | RuntimeException e) {
                LOG.info("bridge {}: cannot open {}: {}; again in {} ms", settings.name(), settings.spec().command(0),
                        e.getMessage(), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, settings.reopenMax().toMillis());
                continue;
            }
            backoff = settings.reopenMin().toMillis();
            socket = s;
            opens.incrementAndGet();
            event("open", s.connectId(), s.serviceType());
            relay.socketState(settings.modemName(), s.connectId(), s.serviceType().text(),
                    s.serviceType() == ServiceType.TCP_LISTENER ? "LISTENING" : "OPEN");
            String why = serve(s);
            socket = null;
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("bridge {}: close: {}", settings.name(), e.toString());
            }
            event("closed", s.connectId(), s.serviceType());
            relay.socketState(settings.modemName(), s.connectId(), s.serviceType().text(), "CLOSED");
            if (running) {
                LOG.info("bridge {}: socket {} ended ({}); reopening", settings.name(), s.connectId(), why);
                pause(settings.reopenMin().toMillis());
            }
        }
    }

    /** Relays one open socket until it ends; returns why it ended. */
    private String serve(ModemSocket s) {
        Thread writer = null;
        if (s.serviceType() != ServiceType.TCP_LISTENER) {
            writer = new Thread(() -> write(s), thread.getName() + "-tx");
            writer.setDaemon(true);
            writer.start();
        }
        String why;
        try {
            switch (s.serviceType()) {
                case TCP_LISTENER -> {
                    while (running && !s.isClosed()) {
                        Optional<ModemSocket> in = s.accept(Duration.ofMillis(500));
                        in.ifPresent(this::adopt);
                    }
                    why = "listener closed";
                }
                case UDP, UDP_SERVICE -> {
                    while (running && !s.isClosed()) {
                        Optional<Datagram> d = s.receive(Duration.ofMillis(500));
                        if (d.isPresent()) {
                            lastPeer = d.get();
                            relay.queueRaw(topic + "rx", d.get().data());
                        }
                    }
                    why = "closed";
                }
                default -> why = pump(s, topic + "rx");
            }
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (writer != null) {
            writer.interrupt();
            Threads.join(writer);
        }
        for (ModemSocket c : new ArrayList<>(connections.values())) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("bridge {}: close {}: {}", settings.name(), c.connectId(), e.toString());
            }
        }
        return why;
    }

    private String pump(ModemSocket s, String rxTopic) throws IOException {
        InputStream in = s.input();
        byte[] buf = new byte[16 * 1024];
        int n;
        while (running && (n = in.read(buf)) >= 0) {
            if (n > 0) {
                int more = Math.min(in.available(), buf.length - n);
                if (more > 0) {
                    n += in.read(buf, n, more);
                }
                relay.queueRaw(rxTopic, Arrays.copyOf(buf, n));
            }
        }
        return "closed by the peer";
    }

    private void adopt(ModemSocket c) {
        connections.put(c.connectId(), c);
        event("open", c.connectId(), c.serviceType());
        relay.socketState(settings.modemName(), c.connectId(), c.serviceType().text(), "OPEN");
        Thread t = new Thread(() -> {
            try {
                pump(c, topic + c.connectId() + "/rx");
            } catch (IOException e) {
                LOG.debug("bridge {}: connection {}: {}", settings.name(), c.connectId(), e.getMessage());
            }
            connections.remove(c.connectId(), c);
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("bridge {}: close {}: {}", settings.name(), c.connectId(), e.toString());
            }
            event("closed", c.connectId(), c.serviceType());
            relay.socketState(settings.modemName(), c.connectId(), c.serviceType().text(), "CLOSED");
            workers.remove(Thread.currentThread()); // a listener serving for months must not keep every one
        }, thread.getName() + "-" + c.connectId());
        t.setDaemon(true);
        workers.add(t);
        t.start();
    }

    private void write(ModemSocket s) {
        boolean tcp = s.serviceType() == ServiceType.TCP;
        try {
            if (tcp && unacknowledged.length > 0) {
                LOG.info("bridge {}: sending again the {} bytes the peer had not acknowledged", settings.name(),
                        unacknowledged.length);
                s.output().write(unacknowledged);
                s.output().flush();
            }
            while (running && !s.isClosed()) {
                byte[] data = tx.poll(200, TimeUnit.MILLISECONDS);
                if (data == null) {
                    if (tcp && unacknowledged.length > 0) {
                        trim(s.sendTotals()); // learn what the peer acknowledged meanwhile
                    }
                    continue;
                }
                try {
                    switch (s.serviceType()) {
                        case UDP -> s.send(new Datagram(data, s.spec().remoteHost(), s.spec().remotePort()));
                        case UDP_SERVICE -> {
                            Datagram peer = lastPeer;
                            if (peer == null) {
                                relay.error(topic + "tx", "bridge " + settings.name() + ": no peer has sent yet; "
                                        + data.length + " bytes dropped");
                            } else {
                                s.send(new Datagram(data, peer.remoteIp(), peer.remotePort()));
                            }
                        }
                        default -> {
                            keep(data);
                            s.output().write(data);
                            s.output().flush();
                            trim(s.sendTotals());
                        }
                    }
                    txQueued.addAndGet(-data.length);
                } catch (IOException e) {
                    // a TCP write's bytes are kept in unacknowledged and sent again after the reopen
                    txQueued.addAndGet(-data.length);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            // the socket ended
        } catch (IOException e) {
            LOG.debug("bridge {}: write: {}", settings.name(), e.getMessage());
        }
    }

    private void keep(byte[] data) {
        byte[] all = Arrays.copyOf(unacknowledged, unacknowledged.length + data.length);
        System.arraycopy(data, 0, all, unacknowledged.length, data.length);
        unacknowledged = all;
    }

    private void trim(SendTotals totals) {
        long open = Math.max(0, Math.min(totals.unacknowledged(), unacknowledged.length));
        if (open < unacknowledged.length) {
            unacknowledged = Arrays.copyOfRange(unacknowledged, (int) (unacknowledged.length - open),
                    unacknowledged.length);
        }
    }

    private void event(String what, int connectId, ServiceType type) {
        JsonObject j = new JsonObject();
        j.addProperty("bridge", settings.name());
        j.addProperty("event", what);
        j.addProperty("connectId", connectId);
        j.addProperty("serviceType", type.text());
        j.addProperty("time", java.time.Instant.now().toString());
        relay.queue(topic + "events", j);
    }

    private void pause(long millis) {
        synchronized (signal) {
            if (running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Stops reopening, closes the socket and its connections, stops every thread. */
    @Override
    public void close() {
        running = false;
        relay.unroute(settings.spec().serviceType() == ServiceType.TCP_LISTENER ? topic + "+/tx" : topic + "tx");
        synchronized (signal) {
            signal.notifyAll();
        }
        ModemSocket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("bridge {}: close: {}", settings.name(), e.toString());
            }
        }
        Threads.join(thread);
        for (Thread t : workers) {
            Threads.join(t);
        }
        if (connectionWriter != null) {
            connectionWriter.shutdownNow(); // its connections are closed: a write in progress fails
            try {
                connectionWriter.awaitTermination(Threads.JOIN_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Threads serving a listener's connections now (for tests). */
    int connectionThreads() {
        return workers.size();
    }

    /** Bytes waiting for the socket (for tests and status). */
    long txQueued() {
        return txQueued.get();
    }

    /** For tests: the socket open now. */
    Optional<ModemSocket> socket() {
        return Optional.ofNullable(socket);
    }
}
