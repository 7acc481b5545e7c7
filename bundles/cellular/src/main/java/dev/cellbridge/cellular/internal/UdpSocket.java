package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtFields;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP client (its peer is the opened address) or a UDP SERVICE (any peer, addressed per datagram).
 *
 * <p>Each datagram is one {@code AT+QISEND}, so at most 1460 bytes. Received datagrams keep their
 * boundaries: one direct-push URC, or one {@code AT+QIRD} read, is one datagram (a UDP SERVICE reads with
 * {@code AT+QIRD=<id>}, which gives one whole datagram and its sender). A UDP client reads with
 * {@code AT+QIRD=<id>,<readChunk>}: the boundaries are then the module's. In transparent mode (UDP client
 * only) there are no boundaries: each piece the link delivers is one datagram, and each datagram sent is
 * written as is (the module packs it by "transpktsize"/"transwaittm").
 */
final class UdpSocket extends DataSocket {

    private static final Logger LOG = LoggerFactory.getLogger(UdpSocket.class);
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Datagrams above which reading from the module pauses. */
    static final int QUEUE_CAPACITY = 256;
    /** Pushed datagrams beyond this many unread ones are dropped (and counted). */
    static final int PUSH_LIMIT = 4096;

    private final DatagramQueue received;

    UdpSocket(SocketRegistry registry, int id, SocketSpec spec, Phase phase) {
        super(registry, id, spec, spec.serviceType(), phase);
        this.received = new DatagramQueue(QUEUE_CAPACITY, PUSH_LIMIT, this::scheduleDrain);
    }

    @Override
    public void send(Datagram datagram) throws IOException {
        Objects.requireNonNull(datagram, "datagram");
        byte[] data = datagram.data();
        if (data.length == 0) {
            throw new IllegalArgumentException("an empty datagram cannot be sent on " + label
                    + ": AT+QISEND=<id>,0 is the totals query");
        }
        if (data.length > MAX_SEND) {
            throw new IllegalArgumentException("a datagram of " + data.length + " bytes is larger than the "
                    + MAX_SEND + " bytes one AT+QISEND can carry (" + label + ")");
        }
        String suffix = "";
        if (type == ServiceType.UDP_SERVICE) {
            if (!IPV4.matcher(datagram.remoteIp()).matches()) {
                throw new IllegalArgumentException("a UDP SERVICE sends to a dotted-decimal IPv4 address, not \""
                        + datagram.remoteIp() + "\"");
            }
            if (datagram.remotePort() < 1 || datagram.remotePort() > 65535) {
                throw new IllegalArgumentException("remote port " + datagram.remotePort() + " is out of range 1–65535");
            }
            if (mode == AccessMode.TRANSPARENT) {
                throw new IllegalStateException(label + " cannot send in transparent mode");
            }
            suffix = ",\"" + datagram.remoteIp() + "\"," + datagram.remotePort();
        }
        sendBytes(data, 0, data.length, suffix);
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException {
        requirePositive("receive timeout", timeout);
        requireNotClosed();
        return received.take(timeout.toMillis());
    }

    // ---- input ----

    @Override
    ReceivedInput received() {
        return received;
    }

    @Override
    void deliverRead(ResponseLine line) throws IOException {
        if (type == ServiceType.UDP_SERVICE) {
            // +QIRD: <len>,"<ip>",<port>
            try {
                AtFields f = AtFields.of(line.text());
                received.offer(new Datagram(line.payload(), f.text(1), f.number(2)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException("malformed QIRD header \"" + line.text() + "\" on " + label, e);
            }
        } else {
            received.offer(new Datagram(line.payload(), spec.remoteHost(), spec.remotePort()));
        }
    }

    @Override
    void deliverPushed(byte[] data, String ip, int port) {
        Datagram d = ip != null ? new Datagram(data, ip, port)
                : new Datagram(data, spec.remoteHost(), spec.remotePort());
        if (!received.offer(d) && !received.isEnded()) {
            long n = received.dropped();
            if (Long.bitCount(n) == 1) {
                LOG.warn("{}: {} dropped a pushed datagram: {} unread ({} dropped so far)", registry.name(), label,
                        PUSH_LIMIT, n);
            }
        }
    }

    @Override
    boolean deliverTransparent(byte[] data, BooleanSupplier keepWaiting) throws InterruptedException {
        return received.offerWhileRoom(new Datagram(data, spec.remoteHost(), spec.remotePort()), keepWaiting);
    }

    @Override
    String readCommand() {
        return type == ServiceType.UDP_SERVICE ? "AT+QIRD=" + id : "AT+QIRD=" + id + "," + options.readChunk();
    }
}
