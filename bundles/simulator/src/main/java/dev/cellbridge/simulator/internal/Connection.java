package dev.cellbridge.simulator.internal;

import java.util.ArrayDeque;

/** One socket service (connectID 0-11) of the module. Guarded by the modem lock. */
final class Connection {
    static final int INITIAL = 0;
    static final int OPENING = 1;
    static final int CONNECTED = 2;
    static final int LISTENING = 3;
    static final int CLOSING = 4;

    /** A received UDP SERVICE datagram with its (virtual) source. */
    record Datagram(byte[] data, String ip, int port) {
    }

    final int id;
    final int contextId;
    final ServiceType type;
    int accessMode;
    int state = OPENING;
    String ip;
    int remotePort;
    int localPort;
    int serverId;
    int maxClients = 11;
    /** Opened with access mode 2: answer CONNECT/ERROR instead of a +QIOPEN URC. */
    boolean openedTransparent;
    /**
     * A transparent open's peer closed before CONNECT was answered: the close follows CONNECT and the data received
     * meanwhile, as NO CARRIER (a "closed" URC before CONNECT, or ERROR for a connect that succeeded, would be wrong).
     */
    boolean peerClosedBeforeConnect;
    NetIo io;
    /** The socket of a connect still in progress, closed to abort it when the connection is freed. */
    volatile AutoCloseable pending;

    final ByteQueue received = new ByteQueue();
    final ArrayDeque<Datagram> datagrams = new ArrayDeque<>();
    long totalReceived;
    long totalRead;
    /** Buffer mode: a recv URC was reported and the buffer has not been drained since. */
    boolean recvUrcPending;
    /** Fault: QISEND answers SEND FAIL. */
    boolean sendBufferFull;
    /** UDP sends count as sent and acknowledged at once. */
    long udpSent;

    Connection(int id, int contextId, ServiceType type, int accessMode) {
        this.id = id;
        this.contextId = contextId;
        this.type = type;
        this.accessMode = accessMode;
        this.serverId = id;
    }

    long unread() {
        if (type == ServiceType.UDP_SERVICE) {
            long n = 0;
            for (Datagram d : datagrams) {
                n += d.data().length;
            }
            return n;
        }
        return received.size();
    }

    boolean hasUnread() {
        return type == ServiceType.UDP_SERVICE ? !datagrams.isEmpty() : received.size() > 0;
    }

    long totalSent() {
        return io instanceof TcpStreamIo t ? t.queue.accepted() : udpSent;
    }

    long acked() {
        return io instanceof TcpStreamIo t ? t.queue.written() : udpSent;
    }

    void closeIo() {
        AutoCloseable p = pending;
        if (p != null) {
            Io.closeQuietly(p);
        }
        if (io != null) {
            io.close();
        }
    }
}
