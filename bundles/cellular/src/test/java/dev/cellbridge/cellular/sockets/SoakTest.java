package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One MiB of random bytes each way at the same time, byte for byte, for every kind of data socket in every access
 * mode: TCP client, TCP incoming (accepted on a TCP LISTENER from a loopback client; switched to transparent mode
 * after accepting, as the module opens no listener in it) and UDP
 * (a UDP SERVICE with datagrams of varied sizes up to the module's 1460, boundaries and sender kept; in transparent
 * mode, which the module refuses a UDP SERVICE, a UDP client whose bytes are a stream). Each direction is checked
 * independently against what its writer sent, so a byte lost, duplicated or swapped shows.
 */
class SoakTest {

    private static final int MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Datagrams in flight at once per direction: well under what a loopback UDP socket buffers, so none is dropped. */
    private static final int UDP_WINDOW = 16;

    enum Kind { TCP_CLIENT, TCP_INCOMING, UDP }

    static Stream<Arguments> cases() {
        return Stream.of(Kind.values()).flatMap(k -> Stream.of(AccessMode.values()).map(m -> Arguments.of(k, m)));
    }

    private SimulatedModem m;
    private final List<AutoCloseable> peers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        m = SimulatedModem.start(LoopbackPeers.freePort());
    }

    @AfterEach
    void stop() throws Exception {
        m.close();
        for (AutoCloseable p : peers) {
            p.close();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void oneMebibyteEachWayAtOnceArrivesByteForByte(Kind kind, AccessMode mode) throws Exception {
        long seed = kind.ordinal() * 10L + mode.ordinal();
        byte[] up = Transfers.random(MIB, seed);        // module -> peer
        byte[] down = Transfers.random(MIB, seed + 100); // peer -> module
        switch (kind) {
            case TCP_CLIENT -> streams(tcpClient(mode), up, down);
            case TCP_INCOMING -> streams(tcpIncoming(mode), up, down);
            case UDP -> {
                if (mode == AccessMode.TRANSPARENT) {
                    udpTransparent(up, down);
                } else {
                    udpService(mode, up, down);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    // ---- TCP ----

    /** A module socket and the loopback peer at its other end. */
    private record Pair(ModemSocket module, Socket peer) {
    }

    private Pair tcpClient(AccessMode mode) throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peers.add(server);
        FutureTask<Socket> accepted = start("test-accept", server::accept);
        ModemSocket s = m.open(SocketSpec.tcp(1, "127.0.0.1", server.getLocalPort()).withAccessMode(mode));
        assertThat(s.connectId()).isZero();
        assertThat(s.serviceType()).isEqualTo(ServiceType.TCP);
        assertThat(s.accessMode()).isEqualTo(mode);
        Socket peer = accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        peers.add(peer);
        return new Pair(s, peer);
    }

    private Pair tcpIncoming(AccessMode mode) throws Exception {
        int port = LoopbackPeers.freePort();
        // the module refuses a TCP LISTENER in transparent mode (555): its connection is switched once accepted
        AccessMode listenerMode = mode == AccessMode.TRANSPARENT ? AccessMode.BUFFER : mode;
        ModemSocket listener = m.open(SocketSpec.tcpListener(1, port).withAccessMode(listenerMode));
        Socket peer = new Socket();
        peers.add(peer);
        peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
        ModemSocket in = m.track(listener.accept(WAIT).orElseThrow());
        assertThat(in.serviceType()).isEqualTo(ServiceType.TCP_INCOMING);
        assertThat(in.accessMode()).isEqualTo(listenerMode); // inherited from the listener
        if (mode == AccessMode.TRANSPARENT) {
            in.switchMode(AccessMode.TRANSPARENT);
            assertThat(in.accessMode()).isEqualTo(AccessMode.TRANSPARENT);
        }
        return new Pair(in, peer);
    }

    private static void streams(Pair p, byte[] up, byte[] down) throws Exception {
        p.peer().setTcpNoDelay(true);
        p.peer().setSoTimeout((int) WAIT.toMillis());
        p.module().setReadTimeout(WAIT);
        FutureTask<Void> moduleWriter = Transfers.writeInPieces(p.module().output(), up, 8192, 1, "test-module-writer");
        FutureTask<Void> peerWriter = Transfers.writeInPieces(p.peer().getOutputStream(), down, 8192, 2,
                "test-peer-writer");
        FutureTask<byte[]> peerReader = start("test-peer-reader",
                () -> Transfers.readFully(p.peer().getInputStream(), up.length));
        byte[] atModule = Transfers.readFully(p.module().input(), down.length);
        Transfers.await(moduleWriter);
        Transfers.await(peerWriter);
        Transfers.await(peerReader);
        assertThat(atModule).as("peer -> module").isEqualTo(down);
        assertThat(peerReader.get()).as("module -> peer").isEqualTo(up);
    }

    // ---- UDP ----

    /** Cuts data into datagrams of 1–1460 bytes (a few of each extreme among them). */
    private static List<byte[]> datagrams(byte[] data, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        int off = 0;
        while (off < data.length) {
            int pick = r.nextInt(20);
            int size = pick == 0 ? 1 : pick == 1 ? 1460 : 1 + r.nextInt(1460);
            size = Math.min(size, data.length - off);
            out.add(Arrays.copyOfRange(data, off, off + size));
            off += size;
        }
        return out;
    }

    private void udpService(AccessMode mode, byte[] up, byte[] down) throws Exception {
        int port = LoopbackPeers.freeUdpPort();
        ModemSocket service = m.open(SocketSpec.udpService(1, port).withAccessMode(mode));
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peers.add(peer);
        peer.setSoTimeout((int) WAIT.toMillis());
        List<byte[]> upDatagrams = datagrams(up, 1);
        List<byte[]> downDatagrams = datagrams(down, 2);
        // each side waits for its receiver's go-ahead per datagram beyond the window: UDP drops what nobody buffers
        Semaphore upWindow = new Semaphore(UDP_WINDOW);
        Semaphore downWindow = new Semaphore(UDP_WINDOW);

        FutureTask<Void> moduleWriter = start("test-module-writer", () -> {
            for (byte[] d : upDatagrams) {
                acquire(upWindow);
                service.send(new Datagram(d, "127.0.0.1", peer.getLocalPort()));
            }
            return null;
        });
        FutureTask<Void> peerWriter = start("test-peer-writer", () -> {
            for (byte[] d : downDatagrams) {
                acquire(downWindow);
                peer.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), port));
            }
            return null;
        });
        FutureTask<List<byte[]>> peerReader = start("test-peer-reader", () -> {
            List<byte[]> got = new ArrayList<>();
            byte[] buf = new byte[2048];
            while (got.size() < upDatagrams.size()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                peer.receive(p);
                assertThat(p.getPort()).isEqualTo(port);
                got.add(Arrays.copyOf(p.getData(), p.getLength()));
                upWindow.release();
            }
            return got;
        });
        List<byte[]> atModule = new ArrayList<>();
        while (atModule.size() < downDatagrams.size()) {
            Datagram d = service.receive(WAIT).orElseThrow(() -> new AssertionError("datagram " + atModule.size()
                    + " of " + downDatagrams.size() + " did not arrive"));
            assertThat(d.remoteIp()).isEqualTo("127.0.0.1");
            assertThat(d.remotePort()).isEqualTo(peer.getLocalPort());
            atModule.add(d.data());
            downWindow.release();
        }
        Transfers.await(moduleWriter);
        Transfers.await(peerWriter);
        Transfers.await(peerReader);
        // one sender, one receiver, loopback: the order is kept as well as every boundary
        assertThat(atModule).as("peer -> module").containsExactlyElementsOf(downDatagrams);
        assertThat(peerReader.get()).as("module -> peer").containsExactlyElementsOf(upDatagrams);
        assertThat(service.receive(Duration.ofMillis(50))).isEmpty(); // nothing duplicated
    }

    /** Transparent UDP: the module packs the stream into datagrams of its own sizes; the bytes must be intact. */
    private void udpTransparent(byte[] up, byte[] down) throws Exception {
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peers.add(peer);
        peer.setSoTimeout((int) WAIT.toMillis());
        ModemSocket s = m.open(SocketSpec.udp(1, "127.0.0.1", peer.getLocalPort())
                .withAccessMode(AccessMode.TRANSPARENT));
        int window = UDP_WINDOW * 1024;
        Semaphore upWindow = new Semaphore(window);
        Semaphore downWindow = new Semaphore(window);
        List<byte[]> downDatagrams = datagrams(down, 3);
        FutureTask<Void> moduleWriter = start("test-module-writer", () -> {
            Random r = new Random(4);
            int off = 0;
            while (off < up.length) {
                int n = Math.min(up.length - off, 1 + r.nextInt(1460));
                acquire(upWindow, n);
                s.send(new Datagram(Arrays.copyOfRange(up, off, off + n), "127.0.0.1", peer.getLocalPort()));
                off += n;
            }
            return null;
        });
        // the module's UDP client sends from a port of its own choosing: the peer answers where the first came from
        CompletableFuture<SocketAddress> module = new CompletableFuture<>();
        FutureTask<Void> peerWriter = start("test-peer-writer", () -> {
            SocketAddress to = module.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            for (byte[] d : downDatagrams) {
                acquire(downWindow, d.length);
                peer.send(new DatagramPacket(d, d.length, to));
            }
            return null;
        });
        FutureTask<byte[]> peerReader = start("test-peer-reader", () -> {
            byte[] got = new byte[up.length];
            int off = 0;
            byte[] buf = new byte[65536];
            while (off < got.length) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                peer.receive(p);
                module.complete(p.getSocketAddress());
                System.arraycopy(p.getData(), 0, got, off, Math.min(p.getLength(), got.length - off));
                off += p.getLength();
                upWindow.release(p.getLength());
            }
            return got;
        });
        byte[] atModule = new byte[down.length];
        int off = 0;
        while (off < atModule.length) {
            byte[] piece = s.receive(WAIT).orElseThrow(() -> new AssertionError("transparent UDP stalled")).data();
            System.arraycopy(piece, 0, atModule, off, Math.min(piece.length, atModule.length - off));
            off += piece.length;
            downWindow.release(piece.length);
        }
        Transfers.await(moduleWriter);
        Transfers.await(peerWriter);
        Transfers.await(peerReader);
        assertThat(off).as("bytes at the module").isEqualTo(down.length);
        assertThat(atModule).as("peer -> module").isEqualTo(down);
        assertThat(peerReader.get()).as("module -> peer").isEqualTo(up);
    }

    // ---- helpers ----

    private static <T> FutureTask<T> start(String name, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static void acquire(Semaphore window) throws InterruptedException {
        acquire(window, 1);
    }

    private static void acquire(Semaphore window, int permits) throws InterruptedException {
        if (!window.tryAcquire(permits, WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the receiving side took nothing for " + WAIT.toSeconds() + " s");
        }
    }
}
