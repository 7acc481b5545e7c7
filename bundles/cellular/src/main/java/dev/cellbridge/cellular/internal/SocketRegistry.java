package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.ChannelEvent;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.at.ResultCode;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.QuectelError;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modem's sockets: connectID allocation, opening, and routing of socket URCs to their sockets.
 *
 * <p><b>connectIDs.</b> The host picks the ID of a socket it opens (the lowest free one, 0–11); the
 * module picks the ID of an incoming connection (the simulator from 11 downwards; the driver assumes
 * nothing) and reports it in the {@code incoming} URC, after which the registry never hands it out. An
 * ID the module says is taken ({@code 563}, e.g. by a service opened before this modem object existed) is
 * skipped. An ID becomes free again when its socket is closed ({@code QICLOSE}) or the module reset it
 * (context deactivated).
 *
 * <p><b>URC routing.</b> URCs are handled on the channel's dispatcher thread and never block there: work
 * that needs commands (reading, closing orphans, resetting a lost context) goes to the modem's
 * {@link SocketWorker}. A socket opened in buffer or direct-push mode receives URCs only from its
 * {@code +QIOPEN: <id>,0} on: URCs before it, on the same dispatcher queue, belong to the ID's previous
 * owner (for example the {@code closed} URC that QICLOSE reports with "close/mode" 1) and are dropped.
 */
final class SocketRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SocketRegistry.class);

    /** The note's advice: wait up to 150 s for {@code +QIOPEN} (also the AT engine's QIOPEN timeout). */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(150);
    static final int IDS = 12;

    private final Commands commands;
    private final ModemOptions options;
    private final SocketWorker worker;
    private final Subscription channelEvents;
    /** Guarded by this. */
    private final BaseSocket[] slots = new BaseSocket[IDS];
    /** Sockets waiting for their {@code +QIOPEN}; guarded by this. */
    private final BaseSocket[] opening = new BaseSocket[IDS];
    private volatile boolean sendHex;
    private volatile boolean closed;

    SocketRegistry(Commands commands, ModemOptions options) {
        this.commands = commands;
        this.options = options;
        this.worker = new SocketWorker(options.name());
        this.channelEvents = commands.channel().addListener(this::onChannelEvent);
    }

    Commands commands() {
        return commands;
    }

    ModemOptions options() {
        return options;
    }

    SocketWorker worker() {
        return worker;
    }

    String name() {
        return options.name();
    }

    /** Whether QISEND data is given as hex digits ({@code AT+QICFG="dataformat"} send format). */
    boolean sendHex() {
        return sendHex;
    }

    /** Follows the module's send data format (set by {@code Modem.configure} and read by {@code tcpIpOptions}). */
    public void sendHex(boolean hex) {
        this.sendHex = hex;
    }

    // ---- opening ----

    /** Opens a socket service on the lowest free connectID and waits until it is open. */
    public ModemSocket open(SocketSpec spec) throws CellularException {
        Objects.requireNonNull(spec, "spec");
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        Set<Integer> takenByModule = new HashSet<>();
        while (true) {
            requireRunning();
            BaseSocket s = allocate(spec, takenByModule);
            boolean opened = false;
            try {
                opened = tryOpen(s, deadline);
            } finally {
                if (!opened) {
                    release(s.id, s);
                }
            }
            if (opened) {
                return s;
            }
            LOG.info("{}: connectID {} is in use on the module (563); trying another", name(), s.id);
            takenByModule.add(s.id);
        }
    }

    private synchronized BaseSocket allocate(SocketSpec spec, Set<Integer> skip) throws CellularException {
        for (int id = 0; id < IDS; id++) {
            if (slots[id] == null && !skip.contains(id)) {
                BaseSocket s = switch (spec.serviceType()) {
                    case TCP -> new StreamSocket(this, id, spec, ServiceType.TCP, BaseSocket.Phase.OPENING);
                    case UDP, UDP_SERVICE -> new UdpSocket(this, id, spec, BaseSocket.Phase.OPENING);
                    case TCP_LISTENER -> new ListenerSocket(this, id, spec);
                    case TCP_INCOMING -> throw new IllegalArgumentException("TCP INCOMING cannot be opened");
                };
                slots[id] = s;
                if (spec.accessMode() != AccessMode.TRANSPARENT) {
                    opening[id] = s;
                }
                return s;
            }
        }
        throw new CellularException("no free connectID: all " + IDS + " (0–11) are in use"
                + (skip.isEmpty() ? "" : ", " + skip + " by services this modem did not open"), (Throwable) null);
    }

    /**
     * Sends QIOPEN and waits for the outcome.
     *
     * @return true when open; false when the module says the connectID is already used (563)
     */
    private boolean tryOpen(BaseSocket s, long deadline) throws CellularException {
        SocketSpec spec = s.spec;
        String what = "opening " + spec.serviceType().text() + " " + spec.remoteHost() + ":"
                + (spec.remotePort() != 0 ? spec.remotePort() : spec.localPort()) + " on connectID " + s.id
                + " (context " + spec.contextId() + ")";
        // the engine learns the socket's access mode from this command's OK (or CONNECT) before the next byte
        // claim no +QIOPEN line: the URC that reports the outcome (ours or another open's) must reach the dispatcher
        AtResponse r = commands.run(AtCommand.of(spec.command(s.id)).withPrefixes());
        if (spec.accessMode() == AccessMode.TRANSPARENT) {
            if (r.result().code() == ResultCode.CONNECT && r.dataSession() != null) {
                s.phase = BaseSocket.Phase.OPEN;
                ((DataSocket) s).startTransparent(r.dataSession());
                return true;
            }
            return refusedOpen(s, r, what);
        }
        if (!r.isOk()) {
            return refusedOpen(s, r, what);
        }
        int error;
        try {
            long left = deadline - System.nanoTime();
            error = s.openResult.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            closeQuietly(s.id);
            throw new CellularException("no +QIOPEN for " + what + " within " + OPEN_TIMEOUT.toSeconds() + " s; closed it",
                    QuectelError.OPERATION_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(s.id);
            throw new CellularException(what + " was interrupted; closed it", e);
        } catch (ExecutionException e) {
            throw new CellularException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        if (error == 0) {
            return true;
        }
        if (error == QuectelError.SOCKET_IDENTITY_USED.code()) {
            return false;
        }
        closeQuietly(s.id); // the note: close the connectID of a failed open
        throw new CellularException(what + " failed: +QIOPEN: " + s.id + "," + error,
                QuectelError.of(error).orElse(QuectelError.UNKNOWN_ERROR));
    }

    private boolean refusedOpen(BaseSocket s, AtResponse r, String what) throws CellularException {
        QuectelError error = commands.refused(r).error().orElse(null);
        if (error == QuectelError.SOCKET_IDENTITY_USED) {
            return false;
        }
        closeQuietly(s.id); // the note: close the connectID of a failed open (nothing to close is harmless)
        throw new CellularException(what + " failed: " + r.command() + " answered " + r.result().text()
                + (error != null ? "; AT+QIGETERROR" : ""), error);
    }

    /** {@code AT+QICLOSE=<id>} for an ID this registry still holds, ignoring the outcome. */
    private void closeQuietly(int id) {
        try {
            AtResponse r = commands.run(AtCommand.of("AT+QICLOSE=" + id));
            if (!r.isOk()) {
                LOG.warn("{}: AT+QICLOSE={} after a failed open answered {}", name(), id, r.result().text());
            }
        } catch (CellularException e) {
            LOG.warn("{}: AT+QICLOSE={} after a failed open failed: {}", name(), id, e.getMessage());
        }
    }

    // ---- ownership ----

    synchronized boolean owns(int id, BaseSocket s) {
        return slots[id] == s;
    }

    /** Frees the connectID if the socket still holds it. */
    synchronized void release(int id, BaseSocket s) {
        if (slots[id] == s) {
            slots[id] = null;
        }
        if (opening[id] == s) {
            opening[id] = null;
        }
    }

    private synchronized BaseSocket routed(int id) {
        if (id < 0 || id >= IDS) {
            return null;
        }
        BaseSocket s = slots[id];
        return s != null && s.routable() ? s : null;
    }

    private synchronized List<BaseSocket> all() {
        List<BaseSocket> out = new ArrayList<>();
        for (BaseSocket s : slots) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private void requireRunning() throws CellularException {
        if (closed) {
            throw new CellularException("modem " + name() + " is closed", (Throwable) null);
        }
    }

    // ---- URCs (dispatcher thread: never block, never run a command) ----

    /** Called on the channel's dispatcher thread for every event; must not block. */
    public void onEvent(CellularEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof CellularEvent.Opened o) {
            BaseSocket s;
            synchronized (this) {
                s = o.connectId() >= 0 && o.connectId() < IDS ? opening[o.connectId()] : null;
                if (s != null) {
                    opening[o.connectId()] = null;
                }
            }
            if (s != null) {
                s.opened(o.error());
            } else {
                LOG.debug("{}: {} matches no open in progress", name(), o.line());
            }
        } else if (event instanceof CellularEvent.Recv r) {
            BaseSocket s = routed(r.connectId());
            if (s == null) {
                LOG.debug("{}: {} for no open socket dropped", name(), r);
            } else if (r.pushed()) {
                s.pushed(r.data(), r.remoteIp(), r.remotePort());
            } else {
                s.recvIndication();
            }
        } else if (event instanceof CellularEvent.Closed c) {
            BaseSocket s = routed(c.connectId());
            if (s != null) {
                s.peerClosed();
            }
        } else if (event instanceof CellularEvent.Incoming i) {
            incoming(i);
        } else if (event instanceof CellularEvent.IncomingFull f) {
            if (routed(f.serverId()) instanceof ListenerSocket l) {
                l.incomingFull();
            } else {
                LOG.warn("{}: the module refused an incoming connection ({})", name(), f.line());
            }
        } else if (event instanceof CellularEvent.Other o && o.line().strip().equals("RDY")) {
            moduleRestarted();
        }
    }

    /**
     * {@code RDY}: the module restarted, and with it every socket service and context is gone. No URC will
     * ever come for them again, so their streams end now (after the bytes already received) with an exception
     * that says so, instead of waiting forever; their IDs are free. An open waiting for its {@code +QIOPEN}
     * fails at once.
     *
     * <p>A socket in transparent mode is not reached from here: while the channel is in data mode, everything
     * the module sends is the peer's data, {@code RDY} included, and the engine cannot tell them apart. After a
     * restart the module is in command mode and will never send {@code NO CARRIER} for it; the session ends
     * when the link closes (a USB module re-enumerates: its port goes away) or when the application leaves data
     * mode and the escape gets no {@code OK} ({@link dev.cellbridge.at.AtTimeoutException}).
     */
    private void moduleRestarted() {
        failPendingOpens("the module restarted (RDY) before +QIOPEN came");
        List<BaseSocket> gone = new ArrayList<>();
        for (BaseSocket s : all()) {
            if (s.phase == BaseSocket.Phase.OPEN && !s.released) {
                gone.add(s);
            }
        }
        if (!gone.isEmpty()) {
            LOG.warn("{}: the module restarted (RDY); {} socket(s) are gone", name(), gone.size());
        }
        for (BaseSocket s : gone) {
            IOException e = new IOException("the module restarted (RDY); " + s.label + " is gone");
            s.broken(e);
            if (s instanceof DataSocket d) {
                d.failInput(e);
            }
            s.releasedByModule(e);
            release(s.id, s);
        }
    }

    /** Ends every open still waiting for its {@code +QIOPEN}: none will come. */
    private void failPendingOpens(String why) {
        List<BaseSocket> waiting = new ArrayList<>();
        synchronized (this) {
            for (int id = 0; id < IDS; id++) {
                if (opening[id] != null) {
                    waiting.add(opening[id]);
                    opening[id] = null;
                }
            }
        }
        for (BaseSocket s : waiting) {
            s.openResult.completeExceptionally(new CellularException(why, (Throwable) null));
        }
    }

    private void incoming(CellularEvent.Incoming i) {
        int id = i.connectId();
        if (id < 0 || id >= IDS) {
            LOG.warn("{}: {} names a connectID outside 0–11; ignored", name(), i.line());
            return;
        }
        StreamSocket in;
        ListenerSocket listener;
        synchronized (this) {
            listener = routed(i.serverId()) instanceof ListenerSocket l ? l : null;
            AccessMode mode = listener != null ? listener.mode : AccessMode.BUFFER; // seed note 5: inherited
            int context = listener != null ? listener.spec.contextId() : 1;
            int localPort = listener != null ? listener.spec.localPort() : 0;
            SocketSpec spec;
            try {
                spec = new SocketSpec(context, ServiceType.TCP, i.remoteIp(), i.remotePort(), localPort, mode, 11, 0);
            } catch (IllegalArgumentException e) {
                spec = new SocketSpec(context, ServiceType.TCP, "0.0.0.0", 1, localPort, mode, 11, 0);
            }
            in = new StreamSocket(this, id, spec, ServiceType.TCP_INCOMING, BaseSocket.Phase.OPEN);
            BaseSocket old = slots[id];
            if (old != null && old.phase == BaseSocket.Phase.OPEN) {
                // the module reused the ID, so the old service is gone there (e.g. released after a passive close)
                old.releasedByModule(new IOException("the module gave connectID " + id
                        + " to an incoming connection; " + old.label + " no longer exists on it"));
            }
            slots[id] = in;
        }
        if (listener == null || !listener.offer(in)) {
            LOG.warn("{}: {} arrived for no open listener of this modem; closing it", name(), i.line());
            worker.submit(() -> {
                try {
                    in.close();
                } catch (IOException e) {
                    LOG.warn("{}: closing orphan {} failed: {}", name(), in.label, e.getMessage());
                }
            });
        }
    }

    // ---- channel events (dispatcher thread) ----

    private void onChannelEvent(ChannelEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof ChannelEvent.DataModeLeft) {
            // reads deferred while another socket's transparent session held the channel can run now
            for (BaseSocket s : all()) {
                if (s instanceof DataSocket d) {
                    d.scheduleDrain();
                }
            }
        } else if (event instanceof ChannelEvent.CommandTimedOut) {
            // the resynchronization after a timeout may have cost a recv URC: look again, reading costs one QIRD
            for (BaseSocket s : all()) {
                if (s instanceof DataSocket d && s.phase == BaseSocket.Phase.OPEN && s.mode == AccessMode.BUFFER) {
                    d.requestDrain();
                }
            }
        } else if (event instanceof ChannelEvent.LinkClosed l) {
            IOException e = new IOException("the link to the module closed (" + l.reason() + ")");
            failPendingOpens("the link to the module closed (" + l.reason() + ") before +QIOPEN came");
            for (BaseSocket s : all()) {
                s.detach(e);
            }
        }
    }

    // ---- context loss ----

    /**
     * A context was deactivated: by the network ({@code +QIURC: "pdpdeact"}; {@code byNetwork}) or by the host
     * (QIDEACT, QIDEACTEX). Its sockets' reads end, after the bytes already received, with an exception naming
     * the context, and their writes fail at once. After a network deactivation the worker reads what the module
     * still holds and then deactivates the context, as the note requires (§2.4.5), which resets its connections;
     * the host's own deactivation already did.
     */
    public void contextLost(int contextId, boolean byNetwork) {
        List<BaseSocket> affected = new ArrayList<>();
        for (BaseSocket s : all()) {
            if (s.spec.contextId() == contextId && s.phase == BaseSocket.Phase.OPEN && !s.released) {
                affected.add(s);
            }
        }
        String how = byNetwork ? "by the network" : "by the host";
        for (BaseSocket s : affected) {
            s.broken(contextLostException(contextId, how, s));
        }
        if (byNetwork) {
            worker.submit(() -> resetLostContext(contextId, affected));
        } else {
            for (BaseSocket s : affected) {
                IOException e = s.broken;
                if (s instanceof DataSocket d) {
                    d.failInput(e);
                }
                s.releasedByModule(e);
                release(s.id, s);
            }
        }
    }

    private static IOException contextLostException(int contextId, String how, BaseSocket s) {
        return new IOException("context " + contextId + " was deactivated " + how + "; " + s.label + " is gone");
    }

    /** Worker thread: after pdpdeact, read what is left, end the streams, then reset the context's connections. */
    private void resetLostContext(int contextId, List<BaseSocket> affected) {
        for (BaseSocket s : affected) {
            if (s instanceof DataSocket d && s.mode == AccessMode.BUFFER) {
                d.drainToEnd();
            }
        }
        for (BaseSocket s : affected) {
            if (s instanceof DataSocket d) {
                d.failInput(s.broken);
            }
        }
        boolean stillActive = isActive(contextId);
        try {
            if (!stillActive) {
                commands.require("AT+QIDEACT=" + contextId);
            } else {
                // reactivated meanwhile: keep the context, close only the old connections
                for (BaseSocket s : affected) {
                    if (owns(s.id, s)) {
                        commands.run(AtCommand.of("AT+QICLOSE=" + s.id));
                    }
                }
            }
        } catch (CellularException e) {
            LOG.warn("{}: resetting context {} after pdpdeact failed: {}", name(), contextId, e.getMessage());
        }
        for (BaseSocket s : affected) {
            s.releasedByModule(s.broken);
            release(s.id, s);
        }
    }

    /** Worker thread: whether {@code AT+QIACT?} lists the context as active (true when it cannot tell). */
    private boolean isActive(int contextId) {
        try {
            AtResponse r = commands.run(AtCommand.of("AT+QIACT?"));
            if (!r.isOk()) {
                return true;
            }
            for (ResponseLine l : r.lines()) {
                if (l.text().startsWith("+QIACT:")) {
                    PdpContextState state = Parsers.contextState(l.text());
                    if (state.contextId() == contextId) {
                        return state.active();
                    }
                }
            }
            return false;
        } catch (CellularException | IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Worker thread: after NO CARRIER ends a transparent session, whether the context is gone (then the
     * exception to end the stream with) or the peer closed (null).
     */
    IOException contextLossOf(BaseSocket s) {
        IOException known = s.broken;
        if (known != null) {
            return known;
        }
        if (isActive(s.spec.contextId())) {
            return null;
        }
        return contextLostException(s.spec.contextId(), "by the network", s);
    }

    // ---- closing ----

    /** The modem is closing: sockets stay open on the module, but these objects stop working. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channelEvents.close();
        failPendingOpens("modem " + name() + " was closed before +QIOPEN came");
        worker.stop();
        IOException e = new IOException("modem " + name() + " was closed");
        for (BaseSocket s : all()) {
            s.detach(e);
        }
    }
}
