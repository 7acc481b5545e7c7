package dev.cellbridge.relay.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback UDP socket that records each datagram it gets and, as an echo, sends it back. */
final class UdpPeer implements AutoCloseable {
    final DatagramSocket socket;
    final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    UdpPeer(boolean echo) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
        thread = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(in);
                    received.add(Arrays.copyOf(in.getData(), in.getLength()));
                    if (echo) {
                        socket.send(new DatagramPacket(in.getData(), in.getLength(), in.getSocketAddress()));
                    }
                } catch (SocketTimeoutException e) {
                    // look at isClosed again
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-udp-peer");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
