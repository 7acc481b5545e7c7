package dev.cellbridge.simulator.internal;

/** The real host socket behind a connection; its threads report to the modem. */
sealed interface NetIo permits TcpStreamIo, TcpListenerIo, UdpIo {
    /** Starts the socket's threads. */
    void start();

    /** Waits (bounded) for the socket's threads to end after {@link #close()}. */
    void join(long millis) throws InterruptedException;

    /** @return the real local port */
    int localPort();

    /** Releases the socket and stops its threads (queued TCP data is still written first, briefly). */
    void close();
}
