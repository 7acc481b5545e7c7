package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault, injected once through the Java API and once as a line on the real control port (which must answer
 * {@code OK}); every rejected fault answers {@code ERR <reason>} on the control port and throws with the same reason
 * from the Java API.
 */
class FaultsTest extends SimulatorTestBase {
    static final String BOOT_URCS = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n";

    /** How a fault reaches the simulator. */
    enum Channel { JAVA_API, CONTROL_PORT }

    /** A fault call of the Java API. */
    @FunctionalInterface
    interface Fault {
        void inject(Simulator sim);
    }

    private ControlClient controlClient;

    @Override
    SimulatorOptions.Builder options() throws IOException {
        return super.options().controlPort(0);
    }

    @AfterEach
    void closeControl() throws IOException {
        if (controlClient != null) {
            controlClient.close();
        }
    }

    /** One line on the real control port and its answer. */
    private String control(String line) throws IOException {
        return control((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private String control(byte[] bytes) throws IOException {
        if (controlClient == null) {
            controlClient = new ControlClient(sim.controlPort());
        }
        return controlClient.send(bytes);
    }

    private void inject(Channel channel, String line, Fault fault) throws IOException {
        if (channel == Channel.JAVA_API) {
            fault.inject(sim);
        } else {
            assertThat(control(line)).isEqualTo("OK");
        }
    }

    private Socket openTransparent() throws IOException {
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\n");
        return peer.accept();
    }

    // ------------------------------------------------------------------ each fault's effect

    @ParameterizedTest
    @EnumSource(Channel.class)
    void pdpdeactClosesTheSocketsOfTheContext(Channel channel) throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        inject(channel, "pdpdeact 1", s -> s.pdpDeact(1));
        host.expect("\r\n+QIURC: \"pdpdeact\",1\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        expectClientState(0, remote, 4, 0);
        host.command("AT+QIACT?", OK);
        host.command("AT+QIDEACT=1", OK);
        host.command("AT+QISTATE", OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void pdpdeactEndsTransparentModeWithNoCarrier(Channel channel) throws IOException {
        activate();
        Socket remote = openTransparent();
        inject(channel, "pdpdeact 1", s -> s.pdpDeact(1));
        host.expect("\r\nNO CARRIER\r\n\r\n+QIURC: \"pdpdeact\",1\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void remoteCloseReportsClosed(Channel channel) throws IOException {
        activate();
        Socket remote = openTcp(2, 0);
        inject(channel, "remote-close 2", s -> s.remoteClose(2));
        host.expect("\r\n+QIURC: \"closed\",2\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        expectClientState(2, remote, 4, 0);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void remoteCloseEndsTransparentModeWithNoCarrier(Channel channel) throws IOException {
        activate();
        Socket remote = openTransparent();
        inject(channel, "remote-close 0", s -> s.remoteClose(0));
        host.expect("\r\nNO CARRIER\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        host.command("ATO", "\r\nNO CARRIER\r\n");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void sendBufferFullAnswersSendFailUntilOff(Channel channel) throws IOException {
        activate();
        openTcp(0, 0);
        inject(channel, "send-buffer-full 0 on", s -> s.sendBufferFull(0, true));
        host.command("AT+QISEND=0,2", "\r\n>");
        host.send("ab");
        host.expect("ab\r\nSEND FAIL\r\n");
        host.command("AT+QICFG=\"sendinfo\",1", OK);
        host.command("AT+QISEND=0,2", "\r\n>");
        host.send("ab");
        host.expect("ab\r\n+QISEND: 0,1,0\r\n" + OK);
        inject(channel, "send-buffer-full 0 off", s -> s.sendBufferFull(0, false));
        host.command("AT+QISEND=0,2", "\r\n>");
        host.send("ab");
        host.expect("ab\r\n+QISEND: 0,0,10240\r\n" + OK);
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 2,2,0\r\n" + OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void dropNextResponseRunsTheCommandSilently(Channel channel) throws IOException {
        inject(channel, "drop-next-response", Simulator::dropNextResponse);
        host.send("AT+QICFG=\"recvind\",1\r");
        host.command("AT+QICFG=\"recvind\"", "\r\n+QICFG: \"recvind\",1\r\n" + OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void delayHoldsAnswersWhileUrcsFlow(Channel channel) throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        inject(channel, "delay 60000", s -> s.delay(60_000));
        host.send("AT+CSQ\r");
        TcpPeer.write(remote, "x");
        // the URC overtakes the delayed answer; ending the delay releases it
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        inject(channel, "delay 0", s -> s.delay(0));
        host.expect("\r\n+CSQ: 24,99\r\n" + OK);
        host.command("AT", OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void hangSilencesEverythingUntilReboot(Channel channel) throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        inject(channel, "hang", Simulator::hang);
        host.send("AT\r");
        TcpPeer.write(remote, "x");
        inject(channel, "reboot", Simulator::reboot);
        host.expect(BOOT_URCS);
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        host.command("AT", "AT\r\r\nOK\r\n");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void rebootPrintsTheStartUpUrcs(Channel channel) throws IOException {
        inject(channel, "reboot", Simulator::reboot);
        host.expect(BOOT_URCS);
        host.command("AT", "AT\r\r\nOK\r\n");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void fragmentedOutputKeepsEveryByte(Channel channel) throws IOException {
        inject(channel, "fragment on", s -> s.fragment(true));
        host.command("ATI", "\r\nQuectel\r\nRG500U\r\nRevision: RG500UEAABR03A04M4G\r\n" + OK);
        inject(channel, "fragment off", s -> s.fragment(false));
        host.command("AT", OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void garbageReachesTheHost(Channel channel) throws IOException {
        inject(channel, "garbage 00ff78", s -> s.garbage(new byte[] {0x00, (byte) 0xff, 'x'}));
        host.expect("\u0000\u00ffx");
        host.command("AT", OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void unplugDropsTheHostButKeepsTheModule(Channel channel) throws IOException {
        activate();
        inject(channel, "unplug", Simulator::unplug);
        assertThat(host.closedByPeer()).isTrue();
        host.close();
        host = new HostLink(sim.port());
        host.command("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void dtrDropInTransparentModeActsAsAndDSays(Channel channel) throws IOException {
        activate();
        Socket remote = openTransparent();
        escape();
        host.command("AT&D0", OK);
        host.command("ATO", "\r\nCONNECT\r\n");
        inject(channel, "dtr off", s -> s.setDtr(false));
        // &D0: DTR is ignored, the data mode goes on
        host.send("still data");
        assertThat(TcpPeer.read(remote, 10)).isEqualTo("still data");
        inject(channel, "dtr on", s -> s.setDtr(true));
        escape();
        // &D1: dropping DTR returns to command mode
        host.command("AT&D1", OK);
        host.command("ATO", "\r\nCONNECT\r\n");
        inject(channel, "dtr off", s -> s.setDtr(false));
        host.expect(OK);
        inject(channel, "dtr on", s -> s.setDtr(true));
        // &D2, the default: dropping DTR closes the connection
        host.command("AT&D2", OK);
        host.command("ATO", "\r\nCONNECT\r\n");
        inject(channel, "dtr off", s -> s.setDtr(false));
        host.expect("\r\nNO CARRIER\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        host.command("AT+QISTATE", OK);
    }

    // ------------------------------------------------------------------ rejected faults

    static List<Arguments> rejected() {
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        Class<IllegalStateException> state = IllegalStateException.class;
        return List.of(
                Arguments.of("explode", null, null, "unknown command 'explode'; known: pdpdeact, remote-close,"
                        + " send-buffer-full, drop-next-response, delay, hang, reboot, fragment, garbage, unplug, dtr"),
                Arguments.of("pdpdeact", null, null, "usage: pdpdeact <ctx>"),
                Arguments.of("pdpdeact 1 2", null, null, "usage: pdpdeact <ctx>"),
                Arguments.of("pdpdeact one", null, null, "pdpdeact: not a number: one"),
                Arguments.of("send-buffer-full 0", null, null, "usage: send-buffer-full <id> on|off"),
                Arguments.of("send-buffer-full 0 maybe", null, null, "send-buffer-full: expected on or off, got maybe"),
                Arguments.of("fragment maybe", null, null, "fragment: expected on or off, got maybe"),
                Arguments.of("dtr high", null, null, "dtr: expected on or off, got high"),
                Arguments.of("garbage", null, null, "usage: garbage <hex>"),
                Arguments.of("garbage 4F4", null, null, "garbage: odd number of hex digits: 4F4"),
                Arguments.of("garbage zz", null, null, "garbage: not hex: zz"),
                Arguments.of("hang now", null, null, "usage: hang"),
                Arguments.of("reboot 1", null, null, "usage: reboot"),
                Arguments.of("delay soon", null, null, "delay: not a number: soon"),
                Arguments.of("pdpdeact 0", (Fault) s -> s.pdpDeact(0), bad, "contextID out of range 1-5: 0"),
                Arguments.of("pdpdeact 6", (Fault) s -> s.pdpDeact(6), bad, "contextID out of range 1-5: 6"),
                Arguments.of("pdpdeact 2", (Fault) s -> s.pdpDeact(2), state, "context 2 is not active"),
                Arguments.of("remote-close -1", (Fault) s -> s.remoteClose(-1), bad,
                        "connectID out of range 0-11: -1"),
                Arguments.of("remote-close 12", (Fault) s -> s.remoteClose(12), bad,
                        "connectID out of range 0-11: 12"),
                Arguments.of("remote-close 5", (Fault) s -> s.remoteClose(5), state, "connectID 5 is not open"),
                Arguments.of("remote-close 1", (Fault) s -> s.remoteClose(1), state,
                        "connectID 1 is not a connected TCP socket"),
                Arguments.of("send-buffer-full 12 on", (Fault) s -> s.sendBufferFull(12, true), bad,
                        "connectID out of range 0-11: 12"),
                Arguments.of("send-buffer-full 5 on", (Fault) s -> s.sendBufferFull(5, true), state,
                        "connectID 5 is not open"),
                Arguments.of("delay -1", (Fault) s -> s.delay(-1), bad, "delay must not be negative: -1"));
    }

    /** With context 1 active, TCP connectID 0 connected and UDP SERVICE 1 open. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedFaultNamesTheProblem(String line, Fault fault, Class<? extends Exception> type, String reason)
            throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        host.opens("AT+QIOPEN=1,1,\"UDP SERVICE\",\"127.0.0.1\",0," + Loopback.freePort() + ",0", 1);
        assertThat(control(line)).isEqualTo("ERR " + reason);
        assertThat(sim.control(line)).isEqualTo("ERR " + reason);
        if (fault != null) {
            assertThatThrownBy(() -> fault.inject(sim)).isInstanceOf(type).hasMessage(reason);
        }
        // nothing happened to the module
        expectClientState(0, remote, 2, 0);
    }

    @Test
    void controlPortIgnoresBlankLinesAndRejectsOverlongOnes() throws IOException {
        assertThat(control("\n  \nDELAY 0")).isEqualTo("OK");
        byte[] overlong = new byte[10_000];
        java.util.Arrays.fill(overlong, (byte) 'x');
        byte[] line = java.util.Arrays.copyOf(overlong, overlong.length + 1);
        line[overlong.length] = '\n';
        assertThat(control(line)).isEqualTo("ERR line longer than 8192 bytes");
        assertThat(control(new byte[] {(byte) 0xff, (byte) 0xfe, 0, '\n'})).startsWith("ERR unknown command");
        assertThat(control("delay 0")).isEqualTo("OK");
    }
}
