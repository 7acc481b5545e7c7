package dev.cellbridge.relay.internal;

import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module sockets the relay opened for fleet commands (and the connections their listeners accepted). Each has a
 * reader thread that hands what arrives to {@link Listener#data} (unless opened with {@code hold}, then data waits
 * for {@code read}) and a writer thread fed by {@link #tx}, so neither MQTT's callback thread nor the command threads
 * ever wait for the module.
 */
final class RelaySockets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySockets.class);
    private static final int TX_QUEUE = 256;

    /** Where socket data and state changes go. */
    interface Listener {
        /** Data received (remoteIp null for TCP); may wait (backpressure), never drops. */
        void data(int connectId, byte[] data, String remoteIp, int remotePort);

        /** OPEN, LISTENING or CLOSED. */
        void state(int connectId, String serviceType, String state);
    }

    private final String modemName;
    private final Listener listener;
    private final Map<Integer, Entry> sockets = new ConcurrentHashMap<>();
    /** Orders adoptions against {@link #close}: nothing is adopted once closing began. */
    private final Object lock = new Object();
    private volatile boolean running = true;

    RelaySockets(String modemName, Listener listener) {
        this.modemName = modemName;
        this.listener = listener;
    }

    /**
     * Opens a socket on the modem and starts relaying it. An open that completes after the relay began to stop (it
     * may wait up to 150 s for {@code +QIOPEN}) closes the socket again rather than leave it open on the module.
     */
    ModemSocket open(Modem modem, SocketSpec spec, boolean hold) throws IOException {
        ModemSocket s = modem.open(spec);
        adopt(s, hold);
        return s;
    }

    private void adopt(ModemSocket s, boolean hold) throws IOException {
        Entry e = new Entry(s, hold);
        Entry old;
        synchronized (lock) {
            if (!running) {
                closeQuietly(s);
                throw new IOException("the relay is stopping: connectId " + s.connectId() + " closed again");
            }
            old = sockets.put(s.connectId(), e);
        }
        if (old != null) {
            // the module gave out an ID the relay still held: that socket ended without the relay noticing yet
            old.stop();
            closeQuietly(old.socket);
            listener.state(s.connectId(), old.socket.serviceType().text(), "CLOSED");
        }
        listener.state(s.connectId(), s.serviceType().text(),
                s.serviceType() == ServiceType.TCP_LISTENER ? "LISTENING" : "OPEN");
        e.start();
    }

    private static void closeQuietly(ModemSocket s) {
        try {
            s.close();
        } catch (IOException | RuntimeException ex) {
            LOG.debug("closing connectId {}: {}", s.connectId(), ex.toString());
        }
    }

    boolean owns(int connectId) {
        return sockets.containsKey(connectId);
    }

    /** The sockets open now. */
    List<ModemSocket> list() {
        List<ModemSocket> l = new ArrayList<>();
        for (Entry e : sockets.values()) {
            l.add(e.socket);
        }
        l.sort((a, b) -> Integer.compare(a.connectId(), b.connectId()));
        return l;
    }

    void close(int connectId) throws BadRequest, IOException {
        Entry e = entry(connectId);
        e.socket.close();
        e.finish("closed by command");
    }

    /** Sends at once (the {@code send} command); UDP SERVICE needs the peer. */
    int send(int connectId, byte[] data, String remoteIp, int remotePort) throws BadRequest, IOException {
        Entry e = entry(connectId);
        ServiceType t = e.socket.serviceType();
        switch (t) {
            case TCP, TCP_INCOMING -> {
                e.socket.output().write(data);
                e.socket.output().flush();
            }
            case UDP -> e.socket.send(new Datagram(data, e.socket.spec().remoteHost(), e.socket.spec().remotePort()));
            case UDP_SERVICE -> {
                if (remoteIp == null) {
                    throw new BadRequest("connectId " + connectId + " is a UDP SERVICE: give remoteIp and remotePort");
                }
                e.socket.send(new Datagram(data, remoteIp, remotePort));
            }
            default -> throw new BadRequest("connectId " + connectId + " is a " + t.text() + ": nothing can be sent on it");
        }
        return data.length;
    }

    /** Reads what a {@code hold} socket received: up to {@code max} bytes, waiting at most {@code timeout}. */
    Received read(int connectId, int max, Duration timeout) throws BadRequest, IOException {
        Entry e = entry(connectId);
        if (!e.hold) {
            throw new BadRequest("connectId " + connectId + " relays its data to socket/" + connectId
                    + "/rx; open it with \"rx\":\"hold\" to read on request");
        }
        ServiceType t = e.socket.serviceType();
        if (t == ServiceType.UDP || t == ServiceType.UDP_SERVICE) {
            Optional<Datagram> d = e.socket.receive(timeout);
            return d.map(x -> new Received(x.data(), x.remoteIp(), x.remotePort()))
                    .orElse(new Received(new byte[0], null, 0));
        }
        if (t == ServiceType.TCP_LISTENER) {
            throw new BadRequest("connectId " + connectId + " is a TCP LISTENER: read its incoming connections");
        }
        InputStream in = e.socket.input();
        byte[] buf = new byte[max];
        e.socket.setReadTimeout(timeout.isZero() ? Duration.ofMillis(1) : timeout);
        try {
            int n = in.read(buf);
            if (n < 0) {
                return new Received(null, null, 0); // end of stream
            }
            int more = Math.min(in.available(), max - n);
            if (more > 0) {
                n += in.read(buf, n, more);
            }
            return new Received(Arrays.copyOf(buf, n), null, 0);
        } catch (SocketTimeoutException te) {
            return new Received(new byte[0], null, 0);
        }
    }

    /** Bytes from {@code socket/<id>/tx}, written in order by the socket's writer thread. */
    void tx(int connectId, byte[] data) throws BadRequest {
        Entry e = entry(connectId);
        ServiceType t = e.socket.serviceType();
        if (t == ServiceType.TCP_LISTENER) {
            throw new BadRequest("connectId " + connectId + " is a TCP LISTENER: send to its incoming connections");
        }
        if (t == ServiceType.UDP_SERVICE && e.lastPeer == null) {
            throw new BadRequest("connectId " + connectId + " is a UDP SERVICE that has no peer yet: use cmd/send "
                    + "with remoteIp and remotePort");
        }
        if (!e.tx.offer(data)) {
            throw new BadRequest("connectId " + connectId + ": " + TX_QUEUE + " writes are already waiting for the "
                    + "module; slow down");
        }
    }

    private Entry entry(int connectId) throws BadRequest {
        Entry e = sockets.get(connectId);
        if (e == null) {
            throw new BadRequest("connectId " + connectId + " is not a socket the relay opened");
        }
        return e;
    }

    /** What {@link #read} got; data null at end of stream; peer only for UDP. */
    record Received(byte[] data, String remoteIp, int remotePort) {
    }

    /** Closes every socket and stops their threads; new sockets may be opened afterwards (a modem that came back). */
    void closeAll() {
        for (Entry e : new ArrayList<>(sockets.values())) {
            try {
                e.socket.close();
            } catch (IOException | RuntimeException ex) {
                LOG.debug("closing connectId {}: {}", e.socket.connectId(), ex.toString());
            }
            e.stop();
            e.join();
        }
        sockets.clear();
    }

    /** Closes every socket and stops their threads, for good; a socket opened later is closed at once. */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
        }
        closeAll();
    }

    private final class Entry {
        final ModemSocket socket;
        final boolean hold;
        final BlockingQueue<byte[]> tx = new ArrayBlockingQueue<>(TX_QUEUE);
        final Thread reader;
        final Thread writer;
        volatile Datagram lastPeer;
        volatile boolean stopped;

        Entry(ModemSocket socket, boolean hold) {
            this.socket = socket;
            this.hold = hold;
            String name = "cellbridge-relay-socket-" + modemName + "-" + socket.connectId();
            this.reader = new Thread(this::read, name + "-rx");
            this.writer = new Thread(this::write, name + "-tx");
            reader.setDaemon(true);
            writer.setDaemon(true);
        }

        void start() {
            if (!hold || socket.serviceType() == ServiceType.TCP_LISTENER) {
                reader.start();
            }
            writer.start();
        }

        void stop() {
            stopped = true;
            writer.interrupt();
        }

        void join() {
            Threads.join(reader);
            Threads.join(writer);
        }

        private void read() {
            String why = "closed";
            try {
                switch (socket.serviceType()) {
                    case TCP_LISTENER -> {
                        while (running && !stopped) {
                            Optional<ModemSocket> in = socket.accept(Duration.ofMillis(500));
                            if (in.isPresent()) {
                                adopt(in.get(), hold);
                            } else if (socket.isClosed()) {
                                break;
                            }
                        }
                    }
                    case UDP, UDP_SERVICE -> {
                        while (running && !stopped) {
                            Optional<Datagram> d = socket.receive(Duration.ofMillis(500));
                            if (d.isPresent()) {
                                lastPeer = d.get();
                                listener.data(socket.connectId(), d.get().data(), d.get().remoteIp(),
                                        d.get().remotePort());
                            } else if (socket.isClosed()) {
                                break;
                            }
                        }
                    }
                    default -> {
                        InputStream in = socket.input();
                        byte[] buf = new byte[16 * 1024];
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            if (n > 0) {
                                // what is already buffered goes out in the same message
                                int more = Math.min(in.available(), buf.length - n);
                                if (more > 0) {
                                    n += in.read(buf, n, more);
                                }
                                listener.data(socket.connectId(), Arrays.copyOf(buf, n), null, 0);
                            }
                        }
                        why = "closed by the peer";
                    }
                }
            } catch (IOException e) {
                why = e.getMessage();
            }
            finish(why);
        }

        private void write() {
            while (!stopped) {
                byte[] data;
                try {
                    data = tx.poll(500, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (data == null) {
                    if (socket.isClosed()) {
                        // a hold socket has no reader to notice: without this its entry stayed forever
                        finish("closed");
                        return;
                    }
                    continue;
                }
                try {
                    switch (socket.serviceType()) {
                        case UDP -> socket.send(new Datagram(data, socket.spec().remoteHost(), socket.spec().remotePort()));
                        case UDP_SERVICE -> socket.send(new Datagram(data, lastPeer.remoteIp(), lastPeer.remotePort()));
                        default -> {
                            socket.output().write(data);
                            socket.output().flush();
                        }
                    }
                } catch (IOException e) {
                    LOG.warn("socket/{}/tx: {} bytes not sent: {}", socket.connectId(), data.length, e.getMessage());
                }
            }
        }

        private void finish(String why) {
            if (sockets.remove(socket.connectId(), this)) {
                LOG.info("relay socket {} of {} ended: {}", socket.connectId(), modemName, why);
                try {
                    socket.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("closing connectId {}: {}", socket.connectId(), e.toString());
                }
                listener.state(socket.connectId(), socket.serviceType().text(), "CLOSED");
            }
            stop();
        }
    }
}
