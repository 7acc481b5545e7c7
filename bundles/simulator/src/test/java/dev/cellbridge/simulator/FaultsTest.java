package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Fault injection through the Java API and the control port. */
class FaultsTest extends SimulatorTestBase {

    @Override
    SimulatorOptions.Builder options() throws IOException {
        return super.options().controlPort(0);
    }

    @Test
    void pdpDeactClosesSocketsOfTheContext() throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        sim.pdpDeact(1);
        host.expect("\r\n+QIURC: \"pdpdeact\",1\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + remote.getPort()
                + ",4,1,0,0,\"usbmodem\"\r\n" + OK);
        host.command("AT+QIACT?", OK);
        host.command("AT+QIDEACT=1", OK);
        host.command("AT+QISTATE", OK);
        assertThatThrownBy(() -> sim.pdpDeact(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not active");
        assertThatThrownBy(() -> sim.pdpDeact(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remoteCloseReportsClosed() throws IOException {
        activate();
        Socket remote = openTcp(2, 0);
        sim.remoteClose(2);
        host.expect("\r\n+QIURC: \"closed\",2\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        assertThatThrownBy(() -> sim.remoteClose(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sim.remoteClose(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not open");
    }

    @Test
    void sendBufferFullAnswersSendFail() throws IOException {
        activate();
        openTcp(0, 0);
        sim.sendBufferFull(0, true);
        host.command("AT+QISEND=0,2", "\r\n>");
        host.send("ab");
        host.expect("ab\r\nSEND FAIL\r\n");
        host.command("AT+QICFG=\"sendinfo\",1", OK);
        host.command("AT+QISEND=0,2", "\r\n>");
        host.send("ab");
        host.expect("ab\r\n+QISEND: 0,1,0\r\n" + OK);
        sim.sendBufferFull(0, false);
        host.command("AT+QISEND=0,2", "\r\n>");
        host.send("ab");
        host.expect("ab\r\n+QISEND: 0,0,10240\r\n" + OK);
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 2,2,0\r\n" + OK);
    }

    @Test
    void droppedResponseAndDelay() throws IOException {
        sim.dropNextResponse();
        host.send("AT+CSQ\r");
        host.command("AT", OK);
        sim.delay(100);
        host.command("AT+CSQ", "\r\n+CSQ: 24,99\r\n" + OK);
        sim.delay(0);
        assertThatThrownBy(() -> sim.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hangUntilReboot() throws IOException {
        sim.hang();
        host.send("AT\r");
        sim.reboot();
        host.expect("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n");
        host.command("AT", "AT\r\r\nOK\r\n");
    }

    @Test
    void fragmentedOutputAndGarbage() throws IOException {
        sim.fragment(true);
        host.command("ATI", "\r\nQuectel\r\nRG500U\r\nRevision: RG500UEAABR03A04M4G\r\n" + OK);
        sim.fragment(false);
        sim.garbage(new byte[] {0x00, (byte) 0xff, 'x'});
        host.expect("\u0000\u00ffx");
        host.command("AT", OK);
    }

    @Test
    void unplugDropsTheHostButKeepsTheModule() throws IOException {
        activate();
        sim.unplug();
        assertThat(host.closedByPeer()).isTrue();
        host.close();
        host = new HostLink(sim.port());
        host.command("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK);
    }

    @Test
    void controlPortSpeaksLines() throws IOException {
        activate();
        openTcp(0, 0);
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), sim.controlPort())) {
            c.setSoTimeout(HostLink.TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = c.getOutputStream();
            assertThat(control(out, in, "remote-close 0")).isEqualTo("OK");
            host.expect("\r\n+QIURC: \"closed\",0\r\n");
            assertThat(control(out, in, "pdpdeact 9")).isEqualTo("ERR contextID out of range 1-5: 9");
            assertThat(control(out, in, "fragment maybe")).isEqualTo("ERR fragment: expected on or off, got maybe");
            assertThat(control(out, in, "garbage 4F4B")).isEqualTo("OK");
            host.expect("OK");
            assertThat(control(out, in, "send-buffer-full 0 on")).isEqualTo("OK");
            assertThat(control(out, in, "delay x")).isEqualTo("ERR delay: not a number: x");
            assertThat(control(out, in, "explode")).startsWith("ERR unknown command 'explode'");
            assertThat(control(out, in, "pdpdeact 1")).isEqualTo("OK");
            host.expect("\r\n+QIURC: \"pdpdeact\",1\r\n");
            assertThat(control(out, in, "reboot")).isEqualTo("OK");
            host.expect("\r\nRDY\r\n");
        }
        assertThat(sim.control("dtr on")).isEqualTo("OK");
    }

    private static String control(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return in.readLine();
    }

    @Test
    void pacedLineStillCarriesEveryByte() throws IOException {
        try (Simulator paced = Simulator.start(SimulatorOptions.builder().baud(115200).build());
             HostLink link = new HostLink(paced.port())) {
            link.command("ATI", "ATI\r\r\nQuectel\r\nRG500U\r\nRevision: RG500UEAABR03A04M4G\r\n" + OK);
            link.command("AT+IPR?", "AT+IPR?\r\r\n+IPR: 115200\r\n" + OK);
        }
    }
}
