package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** A UDP client (connected to its routed peer) or UDP SERVICE (bound on loopback) socket with a receive thread. */
final class UdpIo implements NetIo {
    final DatagramSocket socket;
    private final Modem modem;
    private final Connection connection;
    private final Thread rx;

    UdpIo(Modem modem, Connection connection, DatagramSocket socket) {
        this.modem = modem;
        this.connection = connection;
        this.socket = socket;
        this.rx = Io.daemon("udp-" + connection.id + "-rx", this::receiveLoop);
    }

    @Override
    public void start() {
        rx.start();
    }

    private void receiveLoop() {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            modem.onData(connection, Arrays.copyOf(p.getData(), p.getLength()),
                    (InetSocketAddress) p.getSocketAddress());
        }
    }

    void send(byte[] data, InetSocketAddress target) throws IOException {
        DatagramPacket p = target == null ? new DatagramPacket(data, data.length)
                : new DatagramPacket(data, data.length, target);
        socket.send(p);
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public void join(long millis) throws InterruptedException {
        rx.join(millis);
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }
}
