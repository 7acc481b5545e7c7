package dev.cellbridge.simulator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Loopback helpers of the tests: free ports, UDP peers, the +++ guard silence. */
final class Loopback {
    static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    private Loopback() {
    }

    /** A loopback port that was free for TCP and UDP a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, ADDRESS);
             DatagramSocket d = new DatagramSocket(new InetSocketAddress(ADDRESS, s.getLocalPort()))) {
            return d.getLocalPort();
        }
    }

    /**
     * A listen offset under which local port {@code tcpPort} maps to a free TCP port and {@code udpPort} to a free UDP
     * port, so the spec's literal ports (2020, 3030) can be used in commands. Bounded retries.
     */
    static int listenOffsetFreeFor(int tcpPort, int udpPort) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, ADDRESS)) {
                int offset = s.getLocalPort() - tcpPort;
                int udp = udpPort + offset;
                if (udp > 65535) {
                    continue;
                }
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(ADDRESS, udp))) {
                    return offset;
                } catch (SocketException busy) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free port pair for listen offset after 50 attempts");
    }

    /** A UDP socket on a free loopback port with the test read timeout. */
    static DatagramSocket udpPeer() throws IOException {
        DatagramSocket d = new DatagramSocket(new InetSocketAddress(ADDRESS, 0));
        d.setSoTimeout(HostLink.TIMEOUT_MS);
        return d;
    }

    /** A received datagram: its text and where it came from. */
    record Datagram(String text, InetSocketAddress source) {
    }

    static void sendDatagram(DatagramSocket from, String text, int toPort) throws IOException {
        sendDatagram(from, text, new InetSocketAddress(ADDRESS, toPort));
    }

    static void sendDatagram(DatagramSocket from, String text, InetSocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        from.send(new DatagramPacket(b, b.length, to));
    }

    /** Receives one datagram (bounded by the socket timeout). */
    static Datagram receiveDatagram(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return new Datagram(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1),
                (InetSocketAddress) p.getSocketAddress());
    }

    /** The text of one received datagram. */
    static String receive(DatagramSocket s) throws IOException {
        return receiveDatagram(s).text();
    }

    /** Silence on the line for at least the guard time (a precondition of +++, not a timing assertion). */
    static void guardSilence(long guardMs) {
        try {
            Thread.sleep(guardMs + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
