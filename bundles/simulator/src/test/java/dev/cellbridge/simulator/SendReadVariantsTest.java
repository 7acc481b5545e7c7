package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QISEND and QIRD in all their forms and QICFG formats. */
class SendReadVariantsTest extends SimulatorTestBase {
    Socket remote;

    @BeforeEach
    void open() throws IOException {
        activate();
        remote = openTcp(0, 0);
    }

    @Test
    void escCancelsWithError571() throws IOException {
        host.command("AT+QISEND=0", "\r\n>");
        host.send("abc\u001b");
        host.expect("abc" + ERROR);
        host.lastErrorIs(571);
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 0,0,0\r\n" + OK);
    }

    @Test
    void qisendTimeoutEndsAnIdlePrompt() throws IOException {
        host.command("AT+QICFG=\"qisend/timeout\",100", OK);
        host.command("AT+QISEND=0", "\r\n>" + ERROR);
        host.lastErrorIs(569);
    }

    @Test
    void variableLengthOver1460IsRejected() throws IOException {
        host.command("AT+QISEND=0", "\r\n>");
        host.send("x".repeat(1460));
        host.expect("x".repeat(1460));
        host.send("y");
        host.expect(ERROR);
        host.lastErrorIs(552);
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 0,0,0\r\n" + OK);
    }

    @Test
    void fixedLengthCarriesBinaryBytesUnchanged() throws IOException {
        host.command("AT+QISDE=0", OK);
        host.command("AT+QISDE?", "\r\n+QISDE: 0\r\n" + OK);
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        host.command("AT+QISEND=0,256", "\r\n>");
        host.send(all);
        host.expect("\r\nSEND OK\r\n");
        byte[] got = TcpPeer.read(remote, 256).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(got).isEqualTo(all);
        remote.getOutputStream().write(all);
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.send("AT+QIRD=0,1500\r");
        byte[] header = "\r\n+QIRD: 256\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(host.readExactly(header.length)).isEqualTo(header);
        assertThat(host.readExactly(256)).isEqualTo(all);
        host.expect("\r\n" + OK);
    }

    @Test
    void maximumFixedLength() throws IOException {
        host.command("AT+QISDE=0", OK);
        host.command("AT+QISEND=0,1460", "\r\n>");
        host.send("z".repeat(1460));
        host.expect("\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, 1460)).isEqualTo("z".repeat(1460));
        host.command("AT+QISEND=0,1461", ERROR);
    }

    @Test
    void promptFormatsAndSendinfo() throws IOException {
        host.command("AT+QICFG=\"formatcfg\",1", OK);
        host.command("AT+QICFG=\"sendinfo\",1", OK);
        host.command("AT+QISEND=0,1", "\r\n>\r\n");
        host.send("q");
        host.expect("q\r\n+QISEND: 0,0,10240\r\n" + OK);
    }

    @Test
    void hexDataFormatBothWays() throws IOException {
        host.command("AT+QICFG=\"dataformat\",1,1", OK);
        host.command("AT+QICFG=\"dataformat\"", "\r\n+QICFG: \"dataformat\",1,1\r\n" + OK);
        host.command("AT+QISEND=0,3", "\r\n>");
        host.send("414243");
        host.expect("414243\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, 3)).isEqualTo("ABC");
        TcpPeer.write(remote, "\u00ff\u0001");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("AT+QIRD=0", "\r\n+QIRD: 2\r\nFF01\r\n" + OK);
        host.command("AT+QISEND=0", "\r\n>");
        host.send("4G\u001a");
        host.expect("4G" + ERROR);
    }

    @Test
    void viewModeOnePutsDataOnTheHeaderLine() throws IOException {
        host.command("AT+QICFG=\"viewmode\",1", OK);
        TcpPeer.write(remote, "test1");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("AT+QIRD=0,1500", "\r\n+QIRD: 5,test1\r\n" + OK);
        host.command("AT+QISWTMD=0,1", OK);
        TcpPeer.write(remote, "push");
        host.expect("\r\n+QIURC: \"recv\",0,4,push\r\n");
    }

    @Test
    void closeModeReportsClosedAfterOk() throws IOException {
        host.command("AT+QICFG=\"close/mode\",1", OK);
        host.command("AT+QICLOSE=0,0", OK + "\r\n+QIURC: \"closed\",0\r\n");
        host.command("AT+QICLOSE=0", OK);
    }

    @Test
    void errorsForWrongForms() throws IOException {
        expectError("AT+QISEND=3", 552);
        expectError("AT+QISEND=0,5,\"1.2.3.4\",80", 552);
        expectError("AT+QIRD=3", 552);
        host.command("AT+QISWTMD=0,2", "\r\nCONNECT\r\n");
        escape();
        expectError("AT+QISEND=0,1", 572);
    }

    @Test
    void qicfgPartialKeepaliveAndUnknownOptions() throws IOException {
        host.command("AT+QICFG=\"tcp/keepalive\",1", OK);
        host.command("AT+QICFG=\"tcp/keepalive\"", "\r\n+QICFG: \"tcp/keepalive\",1,60,25,3\r\n" + OK);
        expectError("AT+QICFG=\"nosuch\",1", 552);
        expectError("AT+QICFG=\"tcp/retranscfg\",5", 552);
    }
}
