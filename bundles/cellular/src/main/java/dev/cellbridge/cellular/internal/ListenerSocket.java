package dev.cellbridge.cellular.internal;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP LISTENER: the module accepts connections itself and reports each with
 * {@code +QIURC: "incoming",<id>,<serverID>,<ip>,<port>}; they wait here until {@link #accept} takes them.
 * At most 12 can wait (there are 12 connectIDs). Closing the listener closes the ones nobody took.
 */
final class ListenerSocket extends BaseSocket {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerSocket.class);

    private final ArrayDeque<StreamSocket> waiting = new ArrayDeque<>();
    private IOException ended;
    private long refused;

    ListenerSocket(SocketRegistry registry, int id, SocketSpec spec) {
        super(registry, id, spec, ServiceType.TCP_LISTENER, Phase.OPENING);
    }

    /** Dispatcher thread: an incoming connection for this listener. Returns false when it cannot be taken. */
    synchronized boolean offer(StreamSocket incoming) {
        if (phase != Phase.OPEN || ended != null) {
            return false;
        }
        waiting.add(incoming);
        notifyAll();
        return true;
    }

    /** Dispatcher thread: {@code +QIURC: "incoming full"}: a client was turned away. */
    synchronized void incomingFull() {
        refused++;
        LOG.warn("{}: {} refused an incoming connection: the module's limit of {} clients (or of free connectIDs) "
                + "is reached ({} refused so far)", registry.name(), label, spec.maxClients(), refused);
    }

    @Override
    void peerClosed() {
        end(new SocketException(label + " was closed by the module"));
    }

    @Override
    void broken(IOException e) {
        super.broken(e);
        end(e);
    }

    private synchronized void end(IOException e) {
        if (ended == null) {
            ended = e;
            notifyAll();
        }
    }

    @Override
    public Optional<ModemSocket> accept(Duration timeout) throws IOException {
        requirePositive("accept timeout", timeout);
        requireNotClosed();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (waiting.isEmpty()) {
                if (phase == Phase.CLOSED) {
                    throw new SocketException(label + " is closed");
                }
                if (ended != null) {
                    throw new IOException(ended.getMessage(), ended);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while accepting on " + label);
                }
            }
            return Optional.of(waiting.poll());
        }
    }

    @Override
    public void switchMode(AccessMode mode) {
        throw unsupported("switchMode", "a TCP LISTENER carries no data; its connections inherit its access mode");
    }

    @Override
    void afterClose(SocketException closed) {
        List<StreamSocket> orphans;
        synchronized (this) {
            end(closed);
            orphans = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (StreamSocket s : orphans) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.warn("{}: closing unaccepted {} failed: {}", registry.name(), s.label, e.getMessage());
            }
        }
    }
}
