package dev.cellbridge.simulator;

import static dev.cellbridge.simulator.Loopback.guardSilence;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transparent mode with a 150 ms guard time. Waiting out the guard time is a precondition the host must meet (the
 * sleeps only ever make silence longer); no test asserts on elapsed time.
 */
class TransparentModeTest extends SimulatorTestBase {
    Socket remote;

    @BeforeEach
    void openTransparent() throws IOException {
        activate();
        host.command("AT+QICFG=\"transwaittm\",0", OK);
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\n");
        remote = peer.accept();
    }

    @Test
    void plusesInsideDataAreData() throws IOException {
        host.send("ab+++cd");
        assertThat(TcpPeer.read(remote, 7)).isEqualTo("ab+++cd");
        guardSilence(GUARD_MS);
        host.send("+++z");
        assertThat(TcpPeer.read(remote, 4)).isEqualTo("+++z");
        escape();
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 11,11,0\r\n" + OK);
    }

    @Test
    void slowPlusesAreData() throws IOException {
        guardSilence(GUARD_MS);
        host.send("+");
        guardSilence(GUARD_MS);
        host.send("+");
        guardSilence(GUARD_MS);
        host.send("+");
        host.send("x");
        assertThat(TcpPeer.read(remote, 4)).isEqualTo("+++x");
        escape();
    }

    @Test
    void escapeThenAtoResumesWithBufferedData() throws IOException {
        TcpPeer.write(remote, "one");
        host.expect("one");
        escape();
        expectClientState(0, remote, 2, 2);
        TcpPeer.write(remote, "two");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("ATO", "\r\nCONNECT\r\ntwo");
        host.send("three");
        assertThat(TcpPeer.read(remote, 5)).isEqualTo("three");
        remote.close();
        host.expect("\r\nNO CARRIER\r\n");
        host.command("ATO", "\r\nNO CARRIER\r\n");
        host.command("AT+QICLOSE=0", OK);
    }

    /**
     * A peer that sends and closes the moment it accepts may close before CONNECT is answered: the open still
     * succeeded, so CONNECT, the data, then NO CARRIER (never ERROR, never a "closed" URC before CONNECT).
     */
    @Test
    void aPeerThatSendsAndClosesAtOnceGivesConnectItsDataThenNoCarrier() throws Exception {
        escape();
        Thread quickPeer = new Thread(() -> {
            try (Socket s = peer.accept()) {
                TcpPeer.write(s, "bye");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test-quick-peer");
        quickPeer.start();
        host.command("AT+QIOPEN=1,1,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\nbye\r\nNO CARRIER\r\n");
        quickPeer.join(5000);
        host.command("AT+QICLOSE=1", OK);
    }

    @Test
    void urcsWaitUntilTransparentModeEnds() throws IOException {
        escape();
        Socket other = openTcp(1, 0);
        host.command("AT+QISWTMD=0,2", "\r\nCONNECT\r\n");
        TcpPeer.write(other, "x");
        TcpPeer.write(remote, "data");
        host.expect("data");
        escape();
        host.expect("\r\n+QIURC: \"recv\",1\r\n");
    }

    @Test
    void noAtoWithoutAPreviousConnection() throws IOException {
        escape();
        host.command("AT+QICLOSE=0", OK);
        host.command("ATO", "\r\nNO CARRIER\r\n");
    }

    @Test
    void packetsWaitForTranswaittmOrTranspktsize() throws IOException {
        escape();
        host.command("AT+QICFG=\"transpktsize\",4", OK);
        host.command("AT+QICFG=\"transwaittm\",20", OK);
        host.command("ATO", "\r\nCONNECT\r\n");
        host.send("abcdefg");
        // 4 bytes go at once (packet size); the rest after the 2 s wait time
        assertThat(TcpPeer.read(remote, 4)).isEqualTo("abcd");
        assertThat(TcpPeer.read(remote, 3)).isEqualTo("efg");
    }
}
