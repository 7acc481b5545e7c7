package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketState;
import dev.cellbridge.cellular.SocketStatus;
import dev.cellbridge.cellular.ReceiveTotals;
import dev.cellbridge.cellular.SendTotals;
import dev.cellbridge.cellular.TcpIpOptions;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TCP clients in each access mode through the simulator to a loopback echo server, byte for byte (bulk transfers of
 * every socket kind and mode: {@link SoakTest}).
 */
class TcpClientSocketTest {

    private LoopbackPeers.TcpEcho echo;
    private SimulatedModem m;

    @BeforeEach
    void start() throws Exception {
        echo = new LoopbackPeers.TcpEcho();
        m = SimulatedModem.start(echo.port());
    }

    @AfterEach
    void stop() throws Exception {
        m.close();
        echo.close();
    }

    @ParameterizedTest(name = "recvind and view mode 1: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void switchesModesWhileDataIsInFlightWithoutLosingOrDuplicatingAByte(boolean recvindViewMode1) throws Exception {
        if (recvindViewMode1) {
            // the buffer-mode recv URC then carries a length, like a push header: the engine must tell them apart
            TcpIpOptions d = TcpIpOptions.DEFAULTS;
            m.modem.configure(new TcpIpOptions(d.transparentPacketSize(), d.transparentWaitTime(), false, false, 1,
                    d.tcpMaxBackoffs(), d.tcpMaxRto(), true, 0, false, true, d.keepalive(), true, false, false, 0));
        }
        List<AccessMode> modes = List.of(AccessMode.BUFFER, AccessMode.DIRECT_PUSH, AccessMode.TRANSPARENT,
                AccessMode.BUFFER, AccessMode.TRANSPARENT, AccessMode.DIRECT_PUSH, AccessMode.BUFFER);
        ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT));
        s.setReadTimeout(Transfers.READ_TIMEOUT);
        int chunk = 96 * 1024;
        byte[] all = Transfers.random(chunk * modes.size(), 11);
        byte[] back = new byte[all.length];
        AtomicInteger received = new AtomicInteger();
        FutureTask<Void> reader = new FutureTask<>(() -> {
            while (received.get() < all.length) {
                int n = s.input().read(back, received.get(), all.length - received.get());
                if (n < 0) {
                    throw new java.io.EOFException("after " + received.get());
                }
                received.addAndGet(n);
            }
            return null;
        });
        Thread t = new Thread(reader, "test-reader");
        t.setDaemon(true);
        t.start();
        for (int i = 0; i < modes.size(); i++) {
            if (s.accessMode() == AccessMode.TRANSPARENT) {
                // +++ needs a guard time of silence at the module: leave once it has passed on what was written
                int written = i * chunk;
                Awaitility.await("step " + i + " " + modes + ": echo of " + written + " bytes")
                        .atMost(Duration.ofSeconds(20)).until(() -> received.get() >= written);
            }
            s.switchMode(modes.get(i));
            assertThat(s.accessMode()).isEqualTo(modes.get(i));
            s.output().write(all, i * chunk, chunk); // the echo comes back while the next switch happens
        }
        Transfers.await(reader);
        assertThat(back).isEqualTo(all);
    }

    @ParameterizedTest(name = "to {0}")
    @EnumSource(value = AccessMode.class, names = {"BUFFER", "TRANSPARENT"})
    void dataPushedJustBeforeASwitchComesFirstAndWhole(AccessMode target) throws Exception {
        ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT)
                .withAccessMode(AccessMode.DIRECT_PUSH));
        s.setReadTimeout(Transfers.READ_TIMEOUT);
        // hold the URC dispatcher at the first push (after the socket has had it), so that the next push is
        // framed before the switch's answer but still undelivered after it
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        m.channel.subscribe("+QIURC: \"recv\"", urc -> {
            if (held.compareAndSet(false, true)) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        s.output().write(ascii("hello"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(held);
        long framed = m.channel.statistics().bytesIn();
        s.output().write(ascii("world"));
        // its push ("\r\n+QIURC: \"recv\",0,5\r\nworld", 27 bytes) is framed and queued behind the held one
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> m.channel.statistics().bytesIn() >= framed + 27);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(300); // while the switch waits for the pushes from before it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        }, "test-releaser");
        releaser.start();
        s.switchMode(target);
        s.output().write(ascii("!!!"));

        assertThat(Transfers.readFully(s.input(), 13)).isEqualTo(ascii("helloworld!!!"));
        releaser.join(5000);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void queriesReportStateTotalsAndAcknowledgement() throws Exception {
        ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT));
        SocketState state = s.state();
        assertThat(state.connectId()).isZero();
        assertThat(state.serviceType()).isEqualTo(ServiceType.TCP);
        assertThat(state.address()).isEqualTo(SimulatedModem.REMOTE);
        assertThat(state.remotePort()).isEqualTo(SimulatedModem.REMOTE_PORT);
        assertThat(state.status()).isEqualTo(SocketStatus.CONNECTED);
        assertThat(state.contextId()).isEqualTo(1);
        assertThat(state.accessMode()).isEqualTo(AccessMode.BUFFER);

        byte[] data = Transfers.random(5000, 3);
        s.output().write(data);
        s.awaitAcknowledged(Duration.ofSeconds(10));
        assertThat(s.sendTotals()).isEqualTo(new SendTotals(5000, 5000, 0));
        s.setReadTimeout(Transfers.READ_TIMEOUT);
        assertThat(Transfers.readFully(s.input(), data.length)).isEqualTo(data);
        assertThat(s.receiveTotals()).isEqualTo(new ReceiveTotals(5000, 5000, 0));

        s.switchMode(AccessMode.DIRECT_PUSH);
        assertThat(s.state().accessMode()).isEqualTo(AccessMode.DIRECT_PUSH);
    }

    /** Settings the framing depends on: view mode 1, recvind, the sendinfo answer, hex data, the other prompt. */
    static Stream<Arguments> moduleSettings() {
        TcpIpOptions d = TcpIpOptions.DEFAULTS;
        TcpIpOptions viewRecvindSendinfo = new TcpIpOptions(d.transparentPacketSize(), d.transparentWaitTime(), false,
                false, 1, d.tcpMaxBackoffs(), d.tcpMaxRto(), true, 0, false, true, d.keepalive(), true, false, true, 0);
        TcpIpOptions hexAndPrompt1 = new TcpIpOptions(d.transparentPacketSize(), d.transparentWaitTime(), true, true,
                0, d.tcpMaxBackoffs(), d.tcpMaxRto(), true, 0, false, true, d.keepalive(), false, false, false, 1);
        return Stream.of(AccessMode.BUFFER, AccessMode.DIRECT_PUSH).flatMap(mode -> Stream.of(
                Arguments.of("viewmode 1, recvind, sendinfo", viewRecvindSendinfo, true, mode),
                Arguments.of("hex both ways, formatcfg 1", hexAndPrompt1, true, mode),
                Arguments.of("no QISEND echo", d, false, mode)));
    }

    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("moduleSettings")
    void everyFramingSettingCarriesBinaryDataIntact(String name, TcpIpOptions options, boolean sendEcho,
            AccessMode mode) throws Exception {
        m.modem.configure(options);
        m.modem.sendEcho(sendEcho);
        ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT)
                .withAccessMode(mode));
        byte[] data = Transfers.random(48 * 1024, name.hashCode());
        assertThat(Transfers.echo(s, data, 5)).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(AccessMode.class)
    void aPeerThatSendsAndClosesIsReadToTheEndThenEof(AccessMode mode) throws Exception {
        byte[] data = Transfers.random(300 * 1024, 17);
        try (LoopbackPeers.Talker talker = new LoopbackPeers.Talker(data)) {
            ModemSocket s = m.open(SocketSpec.tcp(1, "127.0.0.1", talker.port()).withAccessMode(mode));
            s.setReadTimeout(Transfers.READ_TIMEOUT);
            assertThat(s.input().readAllBytes()).isEqualTo(data);
            assertThat(s.input().read()).isEqualTo(-1);
            assertThat(s.state().status()).isEqualTo(SocketStatus.CLOSING);
            assertThatThrownBy(() -> s.output().write(1)).isInstanceOf(SocketException.class)
                    .hasMessage("connectID 0 (TCP) was closed by the peer");
            s.close();
            assertThat(s.isClosed()).isTrue();
            assertThat(m.open(SocketSpec.tcp(1, "127.0.0.1", talker.port())).connectId()).isZero();
        }
    }

    @Test
    void closingATransparentSocketWhosePeerJustClosedNeedsNoEscape() throws Exception {
        byte[] data = Transfers.random(100 * 1024, 29);
        try (java.net.ServerSocket sink = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            FutureTask<byte[]> peer = new FutureTask<>(() -> {
                try (java.net.Socket c = sink.accept()) {
                    return c.getInputStream().readNBytes(data.length); // then closes: NO CARRIER
                }
            });
            Thread t = new Thread(peer, "test-sink");
            t.setDaemon(true);
            t.start();
            ModemSocket s = m.open(SocketSpec.tcp(1, "127.0.0.1", sink.getLocalPort())
                    .withAccessMode(AccessMode.TRANSPARENT));
            s.output().write(data);
            Transfers.await(peer);
            assertThat(peer.get()).isEqualTo(data);
            // NO CARRIER races this close's +++: either way the module must not get +++ in command mode unnoticed
            s.close();
            assertThat(s.isClosed()).isTrue();
            assertThat(m.modem.socketStates()).isEmpty();
        }
    }

    @Test
    void withPassiveCloseTheModuleReleasesTheIdAndTheInputStillEndsAfterAllData() throws Exception {
        TcpIpOptions d = TcpIpOptions.DEFAULTS;
        m.modem.configure(new TcpIpOptions(d.transparentPacketSize(), d.transparentWaitTime(), false, false, 0,
                d.tcpMaxBackoffs(), d.tcpMaxRto(), true, 0, true, true, d.keepalive(), false, false, false, 0));
        byte[] data = Transfers.random(200 * 1024, 19);
        try (LoopbackPeers.Talker talker = new LoopbackPeers.Talker(data)) {
            ModemSocket s = m.open(SocketSpec.tcp(1, "127.0.0.1", talker.port()));
            s.setReadTimeout(Transfers.READ_TIMEOUT);
            assertThat(s.input().readAllBytes()).isEqualTo(data);
            s.close();
        }
    }

    @ParameterizedTest
    @EnumSource(AccessMode.class)
    void remoteCloseEndsTheInput(AccessMode mode) throws Exception {
        ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT)
                .withAccessMode(mode));
        byte[] data = Transfers.random(20_000, 23);
        assertThat(Transfers.echo(s, data, 1)).isEqualTo(data);
        m.sim.remoteClose(s.connectId());
        assertThat(s.input().read()).isEqualTo(-1);
        assertThat(s.isClosed()).isFalse();
        s.close();
        assertThat(s.isClosed()).isTrue();
        s.close(); // idempotent
        assertThatThrownBy(() -> s.input().read()).isInstanceOf(SocketException.class)
                .hasMessage("connectID 0 (TCP) is closed");
    }
}
