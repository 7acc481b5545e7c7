package dev.cellbridge.cellular;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * One socket service on the module (a connectID), in any access mode. TCP clients and incoming
 * connections are streams ({@link #input()}, {@link #output()}); UDP sockets exchange {@link Datagram}s.
 * A TCP LISTENER yields its incoming connections through {@link #accept(Duration)}. Operations that do not
 * apply to the socket's service type throw {@link UnsupportedOperationException} naming it; operations on a
 * closed socket throw {@link java.net.SocketException}.
 *
 * <p><b>Transparent mode</b> turns the AT channel into this socket's raw byte stream. While a transparent
 * session is active no other AT command can run at all: every other socket's sends, queries and closes
 * fail with an exception saying so, and their buffer-mode reads wait, until {@link #switchMode} or
 * {@link #close} leaves the session (with {@code +++}).
 */
public interface ModemSocket extends Closeable {

    int connectId();

    ServiceType serviceType();

    /** The current data access mode. */
    AccessMode accessMode();

    /**
     * What QIOPEN was given. For an incoming connection it is derived: service type TCP, the client's
     * address and port from the {@code incoming} URC, the listener's context, local port and access mode.
     */
    SocketSpec spec();

    /**
     * Bytes from the peer (TCP, TCP INCOMING). Ends (-1) when the peer closes; throws with a clear
     * message when the context was deactivated or the modem went away.
     */
    InputStream input();

    /**
     * How long a read of {@link #input()} waits for data before it throws
     * {@link java.net.SocketTimeoutException} (TCP, TCP INCOMING); zero, the default, waits without limit.
     * The socket stays usable after such a timeout.
     */
    void setReadTimeout(Duration timeout);

    /**
     * Bytes to the peer (TCP, TCP INCOMING). Writes are split into QISEND chunks of at most 1460
     * bytes and retried with backoff on SEND FAIL, never losing or duplicating a byte.
     */
    OutputStream output();

    /** Sends one datagram on a UDP client (the address is the socket's) or UDP SERVICE (to the given peer). */
    void send(Datagram datagram) throws IOException;

    /** The next datagram received (UDP, UDP SERVICE), waiting at most {@code timeout}; empty on timeout. */
    Optional<Datagram> receive(Duration timeout) throws IOException;

    /** TCP LISTENER: the next incoming connection, waiting at most {@code timeout}; empty on timeout. */
    Optional<ModemSocket> accept(Duration timeout) throws IOException;

    /** {@code AT+QISEND=<id>,0}. */
    SendTotals sendTotals() throws IOException;

    /** {@code AT+QIRD=<id>,0} (buffer mode). */
    ReceiveTotals receiveTotals() throws IOException;

    /** Waits until the peer has acknowledged everything sent, polling {@code AT+QISEND=<id>,0}. */
    void awaitAcknowledged(Duration timeout) throws IOException;

    /**
     * {@code AT+QISWTMD}: switches the access mode (transparent answers CONNECT). Leaving transparent mode
     * (here or in {@link #close}) sends {@code +++} after the channel's guard time of silence; the module
     * counts that silence from the last byte it received, so leave once it has passed on what was written
     * (a module still taking in earlier writes would take {@code +++} for data).
     */
    void switchMode(AccessMode mode) throws IOException;

    /** {@code AT+QISTATE=1,<id>}. */
    SocketState state() throws IOException;

    boolean isClosed();

    /** {@code AT+QICLOSE=<id>,<timeout>}; idempotent. */
    void close(Duration timeout) throws IOException;

    /** {@link #close(Duration)} with the module's default of 10 s. */
    @Override
    void close() throws IOException;
}
