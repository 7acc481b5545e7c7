package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Datagram;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.QuectelError;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketStatus;
import dev.cellbridge.cellular.TcpIpOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault of the simulator survived: full send buffer, refused opens, lost context, remote close (in
 * TcpClientSocketTest), lost link, byte-by-byte output, garbage, a lost response, slow answers, a hung module and its
 * reboot, DTR dropped in transparent mode. Data comes through intact, or the operation fails with a clear exception;
 * nothing hangs, and closing the modem ends all its threads.
 */
class SocketFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LoopbackPeers.TcpEcho echo;
    private SimulatedModem m;

    private void start(ModemOptions options) throws IOException {
        echo = new LoopbackPeers.TcpEcho();
        m = SimulatedModem.start(echo.port(), b -> b, options);
    }

    private void start() throws IOException {
        start(ModemOptions.defaults().withName("faults"));
    }

    @AfterEach
    void stop() throws Exception {
        if (m != null) {
            m.close();
        }
        if (echo != null) {
            echo.close();
        }
        // whatever the fault did, closing the modem ended every thread it had
        Awaitility.await("threads of modem faults").atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(t -> t.isAlive() && t.getName().startsWith("cellbridge-")
                        && t.getName().contains("-faults")));
    }

    private ModemSocket tcp(AccessMode mode) throws IOException {
        return m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT).withAccessMode(mode));
    }

    @ParameterizedTest(name = "sendinfo {0}")
    @ValueSource(booleans = {false, true})
    void aFullSendBufferIsRetriedUntilItDrainsWithNoByteLostOrDuplicated(boolean sendinfo) throws Exception {
        start(ModemOptions.defaults().withName("faults")
                .withSendFailRetries(10_000, Duration.ofMillis(2), Duration.ofMillis(20)));
        if (sendinfo) {
            TcpIpOptions d = TcpIpOptions.DEFAULTS;
            m.modem.configure(new TcpIpOptions(d.transparentPacketSize(), d.transparentWaitTime(), false, false, 0,
                    d.tcpMaxBackoffs(), d.tcpMaxRto(), true, 0, false, true, d.keepalive(), false, false, true, 0));
        }
        ModemSocket s = tcp(AccessMode.BUFFER);
        s.setReadTimeout(Transfers.READ_TIMEOUT);
        byte[] before = Transfers.random(3000, 1);
        s.output().write(before);

        m.sim.sendBufferFull(s.connectId(), true);
        byte[] during = Transfers.random(64 * 1024, 2);
        long commands = m.channel.statistics().commands();
        FutureTask<Void> writer = Transfers.writeInPieces(s.output(), during, 5000, 3, "test-full-writer");
        // the writer keeps trying while the module refuses
        Awaitility.await().atMost(WAIT).until(() -> m.channel.statistics().commands() > commands + 10);
        assertThat(writer.isDone()).isFalse();
        m.sim.sendBufferFull(s.connectId(), false);
        Transfers.await(writer);

        byte[] expected = new byte[before.length + during.length];
        System.arraycopy(before, 0, expected, 0, before.length);
        System.arraycopy(during, 0, expected, before.length, during.length);
        assertThat(Transfers.readFully(s.input(), expected.length)).isEqualTo(expected);
        s.awaitAcknowledged(WAIT);
        assertThat(s.sendTotals().sent()).isEqualTo(expected.length);
        assertThat(s.input().available()).isZero();
    }

    @Test
    void aSendBufferFillingInTheMiddleOfOneLargeWriteLosesAndDuplicatesNothing() throws Exception {
        start(ModemOptions.defaults().withName("faults")
                .withSendFailRetries(10_000, Duration.ofMillis(2), Duration.ofMillis(20)));
        ModemSocket s = tcp(AccessMode.BUFFER);
        s.setReadTimeout(Transfers.READ_TIMEOUT);
        // one write of many chunks: they go as command sequences, and the buffer fills while one is under way
        byte[] data = Transfers.random(200 * 1460 + 7, 4);
        FutureTask<Void> writer = new FutureTask<>(() -> {
            s.output().write(data);
            return null;
        });
        Thread writing = new Thread(writer, "test-large-writer");
        writing.setDaemon(true);
        writing.start();
        byte[] head = Transfers.readFully(s.input(), 20 * 1460);
        m.sim.sendBufferFull(s.connectId(), true);
        long commands = m.channel.statistics().commands();
        Awaitility.await().atMost(WAIT).until(() -> m.channel.statistics().commands() > commands + 10);
        m.sim.sendBufferFull(s.connectId(), false);
        byte[] rest = Transfers.readFully(s.input(), data.length - head.length);
        Transfers.await(writer);

        byte[] received = new byte[data.length];
        System.arraycopy(head, 0, received, 0, head.length);
        System.arraycopy(rest, 0, received, head.length, rest.length);
        assertThat(received).isEqualTo(data);
        s.awaitAcknowledged(WAIT);
        assertThat(s.sendTotals().sent()).isEqualTo(data.length);
        assertThat(s.input().available()).isZero();
    }

    @Test
    void aSendBufferThatStaysFullFailsTheWriteSayingHowMuchWasNotSent() throws Exception {
        start(ModemOptions.defaults().withName("faults").withSendFailRetries(3, Duration.ofMillis(1),
                Duration.ofMillis(4)));
        ModemSocket s = tcp(AccessMode.BUFFER);
        m.sim.sendBufferFull(s.connectId(), true);
        assertThatThrownBy(() -> s.output().write(new byte[3000])).isInstanceOf(IOException.class)
                .hasMessage("the module's send buffer for connectID 0 (TCP) stayed full (SEND FAIL 4 times); "
                        + "3000 bytes of this write were not sent");
        m.sim.sendBufferFull(s.connectId(), false);
        byte[] after = Transfers.random(2000, 5);
        s.output().write(after);
        s.setReadTimeout(Transfers.READ_TIMEOUT);
        assertThat(Transfers.readFully(s.input(), after.length)).isEqualTo(after);
        assertThat(s.sendTotals().sent()).isEqualTo(after.length); // nothing of the failed write went out
    }

    @Test
    void aSendTheModuleRefusesNamesItsQigeterror() throws Exception {
        start();
        ModemSocket service = m.open(SocketSpec.udpService(1, LoopbackPeers.freeUdpPort()));
        assertThatThrownBy(() -> service.send(new Datagram(new byte[10], "10.1.2.3", 9)))
                .isInstanceOf(CellularException.class)
                .hasMessage("sending 10 bytes on connectID 0 (UDP SERVICE) failed: AT+QISEND=0,10,\"10.1.2.3\",9 "
                        + "answered ERROR; AT+QIGETERROR: 558 (socket write failed)")
                .satisfies(e -> assertThat(((CellularException) e).error()).contains(QuectelError.SOCKET_WRITE_FAILED));
    }

    @Test
    void refusedOpensCarryTheModulesErrorAndGiveTheIdBack() throws Exception {
        start();
        int closedPort = LoopbackPeers.freePort();
        assertThatThrownBy(() -> m.open(SocketSpec.tcp(1, "127.0.0.1", closedPort)))
                .isInstanceOf(CellularException.class)
                .hasMessage("opening TCP 127.0.0.1:" + closedPort + " on connectID 0 (context 1) failed: +QIOPEN: 0,566: "
                        + "566 (socket connect failed)");
        assertThatThrownBy(() -> m.open(SocketSpec.tcp(1, "127.0.0.1", closedPort).withAccessMode(AccessMode.TRANSPARENT)))
                .isInstanceOf(CellularException.class)
                .satisfies(e -> assertThat(((CellularException) e).error()).contains(QuectelError.SOCKET_CONNECT_FAILED));
        assertThatThrownBy(() -> m.open(SocketSpec.tcp(1, "no.such.name", 80)))
                .isInstanceOf(CellularException.class)
                .satisfies(e -> assertThat(((CellularException) e).error()).contains(QuectelError.DNS_PARSE_FAILED));
        assertThatThrownBy(() -> m.open(SocketSpec.tcp(2, "127.0.0.1", echo.port())))
                .isInstanceOf(CellularException.class)
                .satisfies(e -> assertThat(((CellularException) e).error())
                        .contains(QuectelError.PDP_CONTEXT_OPENING_FAILED));
        // every failed open was closed on the module (the note's advice) and its ID is free
        assertThat(m.modem.socketStates()).isEmpty();
        assertThat(tcp(AccessMode.BUFFER).connectId()).isZero();
    }

    @Test
    void anIdInUseByAServiceThisModemDidNotOpenIsSkipped() throws Exception {
        start();
        // opened behind the modem's back, e.g. before this modem object existed
        assertThat(m.channel.execute("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\"," + echo.port() + ",0,0").isOk()).isTrue();
        Awaitility.await().atMost(WAIT).until(() -> m.modem.socketStates().size() == 1);
        ModemSocket s = tcp(AccessMode.BUFFER);
        assertThat(s.connectId()).isEqualTo(1);
        byte[] data = Transfers.random(10_000, 8);
        assertThat(Transfers.echo(s, data, 8)).isEqualTo(data);
    }

    @Test
    void aContextDeactivatedByTheNetworkEndsItsSocketsWithAClearErrorAfterTheDataAlreadyReceived() throws Exception {
        start();
        List<ModemSocket> streams = new ArrayList<>();
        for (AccessMode mode : List.of(AccessMode.BUFFER, AccessMode.DIRECT_PUSH)) {
            streams.add(tcp(mode));
        }
        ModemSocket udp = m.open(SocketSpec.udpService(1, LoopbackPeers.freeUdpPort()));
        ModemSocket listener = m.open(SocketSpec.tcpListener(1, LoopbackPeers.freePort()));
        byte[] data = Transfers.random(10_000, 9);
        for (ModemSocket s : streams) {
            s.output().write(data);
        }
        // the echo is back (read by the modem, not yet by the application)
        for (ModemSocket s : streams) {
            Awaitility.await().atMost(WAIT).until(() -> s.input().available() == data.length);
        }

        m.sim.pdpDeact(1);

        for (ModemSocket s : streams) {
            String gone = "context 1 was deactivated by the network; connectID " + s.connectId() + " (TCP) is gone";
            s.setReadTimeout(Transfers.READ_TIMEOUT);
            assertThat(Transfers.readFully(s.input(), data.length)).isEqualTo(data);
            assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class).hasMessage(gone);
            assertThatThrownBy(() -> s.output().write(1)).isInstanceOf(IOException.class).hasMessage(gone);
        }
        assertThatThrownBy(() -> udp.receive(WAIT)).isInstanceOf(IOException.class)
                .hasMessage("context 1 was deactivated by the network; connectID 2 (UDP SERVICE) is gone");
        assertThatThrownBy(() -> listener.accept(WAIT)).isInstanceOf(IOException.class)
                .hasMessage("context 1 was deactivated by the network; connectID 3 (TCP LISTENER) is gone");

        // the modem deactivated the context as the note requires, which reset its connections
        Awaitility.await().atMost(WAIT).until(() -> m.modem.socketStates().isEmpty());
        assertThat(m.modem.contexts()).noneMatch(PdpContextState::active);
        assertThat(streams).allMatch(ModemSocket::isClosed);

        m.modem.activate(1);
        ModemSocket again = tcp(AccessMode.BUFFER);
        assertThat(again.connectId()).isZero();
        assertThat(Transfers.echo(again, data, 1)).isEqualTo(data);
    }

    @Test
    void aTransparentSocketEndsWithTheContextErrorToo() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.TRANSPARENT);
        byte[] data = Transfers.random(20_000, 10);
        assertThat(Transfers.echo(s, data, 1)).isEqualTo(data);
        m.sim.pdpDeact(1);
        assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class)
                .hasMessage("context 1 was deactivated by the network; connectID 0 (TCP) is gone");
        Awaitility.await().atMost(WAIT).until(() -> m.modem.socketStates().isEmpty());
        s.close();
        m.modem.activate(1);
        assertThat(tcp(AccessMode.BUFFER).connectId()).isZero();
    }

    @Test
    void theHostsOwnDeactivationEndsTheSocketsToo() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.BUFFER);
        m.modem.deactivate(1);
        assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class)
                .hasMessage("context 1 was deactivated by the host; connectID 0 (TCP) is gone");
        assertThat(s.isClosed()).isTrue();
        s.close();
        m.modem.configureContext(PdpContextConfig.ipv4(1, "UNINET"));
        m.modem.activate(1);
        assertThat(tcp(AccessMode.BUFFER).connectId()).isZero();
    }

    @Test
    void aLostLinkEndsEverySocketWithAClearError() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.BUFFER);
        ModemSocket u = m.open(SocketSpec.udp(1, "127.0.0.1", echo.port()));
        m.sim.unplug();
        assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the link to the module closed");
        assertThatThrownBy(() -> u.receive(WAIT)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the link to the module closed");
        assertThatThrownBy(() -> s.output().write(1)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the link to the module closed");
        s.close(); // nothing left to close on a gone link: closed locally
        assertThat(s.isClosed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(AccessMode.class)
    void outputWrittenByteByByteIsReassembledIntact(AccessMode mode) throws Exception {
        start();
        ModemSocket s = tcp(mode);
        m.sim.fragment(true);
        byte[] data = Transfers.random(16 * 1024, 31);
        assertThat(Transfers.echo(s, data, 31)).isEqualTo(data);
        m.sim.fragment(false);
        assertThat(Transfers.echo(s, data, 32)).isEqualTo(data);
    }

    @Test
    void garbageOnTheLineIsSkippedAndTheDataStaysIntact() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.BUFFER);
        byte[] data = Transfers.random(30_000, 33);
        assertThat(Transfers.echo(s, data, 33)).isEqualTo(data);
        long overlong = m.channel.statistics().overlongLines();
        m.sim.garbage("\r\nNOISE 12\r\n+QIURC: \"recv\",9\r\n\u0000\u00ff\u0007junk without an end"
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] longLine = new byte[20_000];
        Arrays.fill(longLine, (byte) 'x');
        m.sim.garbage(longLine);
        m.sim.garbage("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Transfers.echo(s, data, 34)).isEqualTo(data);
        assertThat(s.state().status()).isEqualTo(SocketStatus.CONNECTED);
        assertThat(m.channel.statistics().overlongLines()).isEqualTo(overlong + 1);
    }

    @Test
    void aLostResponseFailsThatCommandClearlyAndTheNextOnesWork() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.BUFFER);
        m.sim.dropNextResponse();
        assertThatThrownBy(s::state).isInstanceOf(CellularException.class)
                .hasMessage("no final result for AT+QISTATE=1,0 within 300 ms");
        assertThat(s.state().status()).isEqualTo(SocketStatus.CONNECTED);
        byte[] data = Transfers.random(20_000, 35);
        assertThat(Transfers.echo(s, data, 35)).isEqualTo(data);
    }

    @Test
    void slowAnswersStillCarryEveryByteAndTooSlowOnesFailClearly() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.BUFFER);
        m.sim.delay(5);
        byte[] data = Transfers.random(20_000, 36);
        assertThat(Transfers.echo(s, data, 36)).isEqualTo(data);
        m.sim.delay(600); // beyond QISTATE's 300 ms
        assertThatThrownBy(s::state).isInstanceOf(CellularException.class)
                .hasMessage("no final result for AT+QISTATE=1,0 within 300 ms");
        m.sim.delay(0);
        assertThat(s.state().status()).isEqualTo(SocketStatus.CONNECTED); // the late answer was not taken for this
        assertThat(Transfers.echo(s, data, 37)).isEqualTo(data);
    }

    @Test
    void aHungModuleFailsCommandsClearlyAndItsRebootEndsTheSocketsInsteadOfLeavingThemWaiting() throws Exception {
        start();
        List<ModemSocket> sockets = List.of(tcp(AccessMode.BUFFER), tcp(AccessMode.DIRECT_PUSH),
                m.open(SocketSpec.udpService(1, LoopbackPeers.freeUdpPort())));
        byte[] data = Transfers.random(5000, 38);
        // through the direct-push socket: no read of the module's buffer may still be running when it hangs
        assertThat(Transfers.echo(sockets.get(1), data, 38)).isEqualTo(data);
        m.sim.hang();
        assertThatThrownBy(() -> sockets.get(1).state()).isInstanceOf(CellularException.class)
                .hasMessage("no final result for AT+QISTATE=1,1 within 300 ms");
        m.sim.reboot();
        // no URC will ever come for services the restart took away: their reads end, not wait forever
        for (ModemSocket s : sockets.subList(0, 2)) {
            String gone = "the module restarted (RDY); connectID " + s.connectId() + " (TCP) is gone";
            assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class).hasMessage(gone);
            assertThatThrownBy(() -> s.output().write(1)).isInstanceOf(IOException.class).hasMessage(gone);
        }
        assertThatThrownBy(() -> sockets.get(2).receive(WAIT)).isInstanceOf(IOException.class)
                .hasMessage("the module restarted (RDY); connectID 2 (UDP SERVICE) is gone");
        for (ModemSocket s : sockets) {
            s.close(); // nothing left on the module to close
            assertThat(s.isClosed()).isTrue();
        }
        m.modem.configureContext(PdpContextConfig.ipv4(1, "UNINET"));
        m.modem.activate(1);
        ModemSocket again = tcp(AccessMode.BUFFER);
        assertThat(again.connectId()).isZero();
        assertThat(Transfers.echo(again, data, 39)).isEqualTo(data);
    }

    @Test
    void droppingDtrInTransparentModeEndsTheConnectionAfterItsData() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.TRANSPARENT);
        byte[] data = Transfers.random(10_000, 40);
        assertThat(Transfers.echo(s, data, 40)).isEqualTo(data);
        m.sim.setDtr(false); // AT&D2, the default: the module closes the connection with NO CARRIER
        assertThat(s.input().read()).isEqualTo(-1);
        m.sim.setDtr(true);
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(Transfers.echo(tcp(AccessMode.BUFFER), data, 41)).isEqualTo(data);
    }

    @Test
    void aClosedModemStopsItsSockets() throws Exception {
        start();
        ModemSocket s = tcp(AccessMode.BUFFER);
        m.modem.close();
        assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class)
                .hasMessage("modem faults was closed");
        assertThatThrownBy(() -> m.modem.open(SocketSpec.tcp(1, "127.0.0.1", echo.port())))
                .isInstanceOf(CellularException.class).hasMessage("modem faults is closed");
    }
}
