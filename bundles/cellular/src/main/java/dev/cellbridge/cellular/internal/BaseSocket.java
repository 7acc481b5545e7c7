package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtFields;
import dev.cellbridge.at.AtLinkClosedException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ReceiveTotals;
import dev.cellbridge.cellular.SendTotals;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every socket service shares: its connectID, life cycle, the queries ({@code QISTATE}, the QISEND
 * and QIRD totals) and {@code QICLOSE}. Operations that do not apply to a service type fail with an
 * {@link UnsupportedOperationException} naming the type and what to use instead.
 */
abstract class BaseSocket implements ModemSocket {

    /** Where a socket is in its life. */
    enum Phase {
        /** QIOPEN sent; URCs for the connectID are not yet this socket's (they may be a previous owner's). */
        OPENING,
        OPEN,
        /** Closed by the application, or its connectID released by the module (context deactivated). */
        CLOSED
    }

    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    final SocketRegistry registry;
    final Commands commands;
    final int id;
    final SocketSpec spec;
    final ServiceType type;
    final String label;
    volatile AccessMode mode;
    volatile Phase phase;
    /** Completed with the {@code +QIOPEN} error code (buffer and direct-push opens). */
    final CompletableFuture<Integer> openResult = new CompletableFuture<>();
    /** The module freed the connectID on its own (QIDEACT, passive close): QICLOSE must not be sent for it. */
    volatile boolean released;
    /** Why the socket cannot be used any more (context deactivated, link or modem gone), or null. */
    volatile IOException broken;
    /** Serializes reading (QIRD), mode switches and closing of this socket. */
    final ReentrantLock ioLock = new ReentrantLock();

    BaseSocket(SocketRegistry registry, int id, SocketSpec spec, ServiceType type, Phase phase) {
        this.registry = registry;
        this.commands = registry.commands();
        this.id = id;
        this.spec = spec;
        this.type = type;
        this.mode = spec.accessMode();
        this.phase = phase;
        this.label = "connectID " + id + " (" + type.text() + ")";
    }

    @Override
    public int connectId() {
        return id;
    }

    @Override
    public ServiceType serviceType() {
        return type;
    }

    @Override
    public AccessMode accessMode() {
        return mode;
    }

    @Override
    public SocketSpec spec() {
        return spec;
    }

    @Override
    public boolean isClosed() {
        return phase == Phase.CLOSED || released;
    }

    // ---- events from the registry (dispatcher thread unless said otherwise; never block) ----

    /** {@code +QIOPEN: <id>,<err>} for this socket's open; on success URCs are this socket's from now on. */
    void opened(int error) {
        if (error == 0) {
            phase = Phase.OPEN;
        }
        openResult.complete(error);
    }

    /** A buffer-mode {@code recv} URC: data waits in the module. */
    void recvIndication() {
    }

    /** Direct-push data ({@code ip} and {@code port} only for UDP SERVICE). */
    void pushed(byte[] data, String ip, int port) {
    }

    /** {@code +QIURC: "closed"}: the peer or the network closed the connection. */
    void peerClosed() {
    }

    /** The connection cannot be used any more (any thread); pending and later I/O fail with {@code e}. */
    void broken(IOException e) {
        if (broken == null) {
            broken = e;
        }
    }

    /** The module no longer has this connectID (it was reset with the context); no QICLOSE for it. */
    void releasedByModule(IOException why) {
        released = true;
        broken(why);
    }

    /** Whether the registry should route URCs for the connectID here. */
    boolean routable() {
        return phase == Phase.OPEN;
    }

    // ---- queries ----

    @Override
    public SendTotals sendTotals() throws IOException {
        requireUsable();
        AtResponse r = commands.require(AtCommand.of("AT+QISEND=" + id + ",0"));
        long[] v = totals(r, "+QISEND:");
        return new SendTotals(v[0], v[1], v[2]);
    }

    @Override
    public ReceiveTotals receiveTotals() throws IOException {
        requireUsable();
        AtResponse r = commands.require(AtCommand.of("AT+QIRD=" + id + ",0"));
        long[] v = totals(r, "+QIRD:");
        return new ReceiveTotals(v[0], v[1], v[2]);
    }

    private long[] totals(AtResponse r, String prefix) throws CellularException {
        String line = r.line(prefix).map(ResponseLine::text).orElseThrow(() -> new CellularException(r.command()
                + " gave no " + prefix + " line for " + label, (Throwable) null));
        try {
            AtFields f = AtFields.of(line);
            if (f.size() != 3) {
                throw new IllegalArgumentException("3 fields expected");
            }
            return new long[] {Long.parseLong(f.text(0)), Long.parseLong(f.text(1)), Long.parseLong(f.text(2))};
        } catch (IllegalArgumentException e) {
            throw new CellularException("malformed totals line \"" + line + "\" for " + label, e);
        }
    }

    @Override
    public void awaitAcknowledged(Duration timeout) throws IOException {
        requirePositive("timeout", timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        long poll = registry.options().ackPollInterval().toMillis();
        while (true) {
            SendTotals t = sendTotals();
            if (t.unacknowledged() == 0) {
                return;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException(t.unacknowledged() + " of " + t.sent() + " bytes sent on " + label
                        + " still unacknowledged after " + timeout.toMillis() + " ms");
            }
            sleep(Math.min(poll, left));
        }
    }

    @Override
    public SocketState state() throws IOException {
        requireNotClosed();
        AtResponse r = commands.require(AtCommand.of("AT+QISTATE=1," + id));
        String line = r.line("+QISTATE:").map(ResponseLine::text)
                .orElseThrow(() -> new CellularException("the module reports no socket service on " + label,
                        (Throwable) null));
        try {
            return Parsers.socketState(line);
        } catch (IllegalArgumentException e) {
            throw new CellularException(e.getMessage(), e);
        }
    }

    // ---- closing ----

    @Override
    public void close() throws IOException {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * {@code AT+QICLOSE=<id>,<seconds>}. When the module refuses, the socket stays open (close again to
     * retry); when the link is gone there is nothing left to close and the socket is closed locally.
     */
    @Override
    public void close(Duration timeout) throws IOException {
        if (timeout == null || timeout.isNegative() || timeout.toSeconds() > 65535) {
            throw new IllegalArgumentException("QICLOSE timeout must be 0–65535 s: " + timeout);
        }
        ioLock.lock();
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
            beforeClose();
            if (!released && registry.owns(id, this)) {
                try {
                    commands.require(AtCommand.of("AT+QICLOSE=" + id + "," + timeout.toSeconds()));
                } catch (CellularException e) {
                    if (!(e.getCause() instanceof AtLinkClosedException)) {
                        throw new CellularException("closing " + label + " failed; it stays open: " + e.getMessage(),
                                e);
                    }
                }
            }
            phase = Phase.CLOSED;
            registry.release(id, this);
            afterClose(new SocketException(label + " is closed"));
        } finally {
            ioLock.unlock();
        }
    }

    /** Before QICLOSE (with {@link #ioLock} held): e.g. leave transparent mode. */
    void beforeClose() throws IOException {
    }

    /** After the connectID was given back: end streams, stop threads. */
    abstract void afterClose(SocketException closed);

    /**
     * The modem is closing (or its link is gone): the socket may stay open on the module, but this object
     * can do nothing more; pending and later calls fail with {@code why}. Sends no command.
     */
    void detach(IOException why) {
        broken(why);
    }

    // ---- checks ----

    void requireNotClosed() throws SocketException {
        if (phase == Phase.CLOSED) {
            throw new SocketException(label + " is closed");
        }
    }

    /** Not closed and not broken. */
    void requireUsable() throws IOException {
        requireNotClosed();
        IOException b = broken;
        if (b != null) {
            throw new IOException(b.getMessage(), b);
        }
    }

    UnsupportedOperationException unsupported(String operation, String instead) {
        return new UnsupportedOperationException(operation + " does not apply to " + label + "; " + instead);
    }

    static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }

    static void sleep(long millis) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    // ---- defaults for what a type does not do ----

    @Override
    public InputStream input() {
        throw unsupported("input()", "streams are for TCP and TCP INCOMING sockets");
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        throw unsupported("setReadTimeout", "read timeouts are for the input of TCP and TCP INCOMING sockets");
    }

    @Override
    public OutputStream output() {
        throw unsupported("output()", "streams are for TCP and TCP INCOMING sockets");
    }

    @Override
    public void send(Datagram datagram) throws IOException {
        throw unsupported("send(Datagram)", "datagrams are for UDP and UDP SERVICE sockets");
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException {
        throw unsupported("receive(Duration)", "datagrams are for UDP and UDP SERVICE sockets");
    }

    @Override
    public Optional<ModemSocket> accept(Duration timeout) throws IOException {
        throw unsupported("accept(Duration)", "only a TCP LISTENER accepts connections");
    }

    @Override
    public String toString() {
        return label + " " + spec.remoteHost() + ":" + (spec.remotePort() != 0 ? spec.remotePort() : spec.localPort())
                + " " + mode + " " + phase;
    }
}
