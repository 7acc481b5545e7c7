package dev.cellbridge.cellular;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Datagrams over the module's UDP SERVICE, with {@link java.net.DatagramSocket}'s shape: {@link #send}
 * and {@link #receive} take {@link DatagramPacket}s, {@link #setSoTimeout} bounds a receive. Datagram
 * boundaries are kept; a datagram longer than the packet's buffer is cut, as DatagramSocket does.
 */
public final class ModemDatagramSocket implements Closeable {

    private static final Duration FOREVER = Duration.ofDays(3650);

    private final ModemSocket service;
    private volatile int soTimeout;

    /** Opens a UDP SERVICE on the module's local port (buffer access mode). */
    public ModemDatagramSocket(Modem modem, int contextId, int localPort) throws IOException {
        this.service = modem.open(SocketSpec.udpService(contextId, localPort));
    }

    /** Sends one datagram to the packet's address (an IPv4 literal) and port. At most 1460 bytes. */
    public void send(DatagramPacket packet) throws IOException {
        if (!(packet.getSocketAddress() instanceof InetSocketAddress to) || to.getAddress() == null) {
            throw new IllegalArgumentException("the packet needs a resolved address: " + packet.getSocketAddress());
        }
        byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
        service.send(new Datagram(data, to.getAddress().getHostAddress(), to.getPort()));
    }

    /** Receives the next datagram into the packet, with its sender. */
    public void receive(DatagramPacket packet) throws IOException {
        int timeout = soTimeout;
        Optional<Datagram> d = service.receive(timeout == 0 ? FOREVER : Duration.ofMillis(timeout));
        if (d.isEmpty()) {
            throw new SocketTimeoutException("no datagram within " + timeout + " ms");
        }
        Datagram datagram = d.get();
        int n = Math.min(datagram.data().length, packet.getData().length - packet.getOffset());
        System.arraycopy(datagram.data(), 0, packet.getData(), packet.getOffset(), n);
        packet.setLength(n);
        packet.setSocketAddress(new InetSocketAddress(datagram.remoteIp(), datagram.remotePort()));
    }

    public void setSoTimeout(int timeout) {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        soTimeout = timeout;
    }

    public int getSoTimeout() {
        return soTimeout;
    }

    public int getLocalPort() {
        return service.spec().localPort();
    }

    public boolean isClosed() {
        return service.isClosed();
    }

    @Override
    public void close() throws IOException {
        if (!service.isClosed()) {
            service.close();
        }
    }

    /** The module socket under this one. */
    public ModemSocket modemSocket() {
        return service;
    }

    @Override
    public String toString() {
        return "ModemDatagramSocket[local port " + getLocalPort() + "]";
    }
}
