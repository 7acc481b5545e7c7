package dev.cellbridge.simulator.internal;

/** The real host socket behind a connection; its threads report to the modem. */
sealed interface NetIo permits TcpStreamIo, TcpListenerIo, UdpIo {
    /** Releases the socket and stops its threads (queued TCP data is still written first, briefly). */
    void close();
}
