package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every example of the application note's chapter 3, byte for byte (CRLF framing of 2.1.2) through a real TCP
 * connection. The virtual server 220.180.239.212:8009 is routed to a loopback peer. Local ports that the network
 * chooses (the example's 65514) are the real ones the peer sees.
 */
class ChapterThreeExamplesTest {
    private TcpPeer peer;
    private Simulator sim;
    private HostLink host;

    @BeforeEach
    void start() throws IOException {
        peer = new TcpPeer();
        sim = Simulator.start(SimulatorOptions.builder()
                .route("220.180.239.212:8009=127.0.0.1:" + peer.port())
                .route("61.135.169.125:7=127.0.0.1:" + peer.port())
                .dns("www.baidu.com", "61.135.169.125")
                .pingRttMs(192, 240, 241, 479)
                .build());
        host = HostLink.quiet(sim.port());
    }

    @AfterEach
    void stop() throws IOException {
        host.close();
        sim.close();
        peer.close();
    }

    private void activate() throws IOException {
        host.command("AT+QICSGP=1,1,\"UNINET\",\"\",\"\",0", "\r\nOK\r\n");
        host.command("AT+QIACT=1", "\r\nOK\r\n");
    }

    private Socket openTcp(int accessMode) throws IOException {
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0," + accessMode, "\r\nOK\r\n");
        Socket s = peer.accept();
        host.expect("\r\n+QIOPEN: 0,0\r\n");
        return s;
    }

    @Test
    void configureContext_3_1_1() throws IOException {
        host.command("AT+QICSGP=1", "\r\n+QICSGP: 1,\"\",\"\",\"\",0\r\n\r\nOK\r\n");
        host.command("AT+QICSGP=1,1,\"UNINET\",\"\", \"\",0", "\r\nOK\r\n");
        host.command("AT+QICSGP=1", "\r\n+QICSGP: 1,\"UNINET\",\"\",\"\",0\r\n\r\nOK\r\n");
    }

    @Test
    void activateAndDeactivateContext_3_1_2_and_3_1_3() throws IOException {
        activate();
        host.command("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n\r\nOK\r\n");
        host.command("AT+QIDEACT=1", "\r\nOK\r\n");
        host.command("AT+QIACT?", "\r\nOK\r\n");
    }

    @Test
    void tcpClientBufferMode_3_2() throws IOException {
        activate();
        // 3.2.1
        Socket remote = openTcp(0);
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + remote.getPort()
                + ",2,1,0,0,\"usbmodem\"\r\n\r\nOK\r\n");
        // 3.2.2 (QISDE=1 by default: the payload is echoed after the prompt)
        host.command("AT+QISEND=0", "\r\n>");
        host.send("test1\u001a");
        host.expect("test1\r\nSEND OK\r\n");
        host.command("AT+QISEND=0,4", "\r\n>");
        host.send("test");
        host.expect("test\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, 9)).isEqualTo("test1test");
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 9,9,0\r\n\r\nOK\r\n");
        // 3.2.3
        TcpPeer.write(remote, "test1");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("AT+QIRD=0,1500", "\r\n+QIRD: 5\r\ntest1\r\n\r\nOK\r\n");
        host.command("AT+QICFG=\"recvind\",1", "\r\nOK\r\n");
        TcpPeer.write(remote, "test1");
        host.expect("\r\n+QIURC: \"recv\",0,5\r\n");
        host.command("AT+QIRD=0,1500", "\r\n+QIRD: 5\r\ntest1\r\n\r\nOK\r\n");
        host.command("AT+QIRD=0,1500", "\r\n+QIRD: 0\r\n\r\nOK\r\n");
        host.command("AT+QIRD=0,0", "\r\n+QIRD: 10,10,0\r\n\r\nOK\r\n");
        // 3.2.4
        host.command("AT+QICLOSE=0", "\r\nOK\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
        host.command("AT+QISTATE=1,0", "\r\nOK\r\n");
    }

    @Test
    void tcpClientTransparentMode_3_3() throws IOException {
        sim.close();
        sim = Simulator.start(SimulatorOptions.builder()
                .route("220.180.239.212:8009=127.0.0.1:" + peer.port()).guardMs(150).build());
        host = HostLink.quiet(sim.port());
        activate();
        host.command("AT+QICFG=\"transwaittm\",0", "\r\nOK\r\n");
        // 3.3.1
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\n");
        Socket remote = peer.accept();
        // 3.3.2: everything from the host goes to the server
        host.send("hello");
        assertThat(TcpPeer.read(remote, 5)).isEqualTo("hello");
        // 3.3.3: everything from the server comes out directly
        TcpPeer.write(remote, "Test 1");
        host.expect("Test 1");
        // 3.3.4: +++ with guard times, then close
        sleepAtLeast(200);
        host.send("+++");
        host.expect("\r\nOK\r\n");
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + remote.getPort()
                + ",2,1,0,2,\"usbmodem\"\r\n\r\nOK\r\n");
        host.command("AT+QICLOSE=0", "\r\nOK\r\n");
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void tcpClientDirectPushMode_3_4() throws IOException {
        activate();
        Socket remote = openTcp(1);
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + remote.getPort()
                + ",2,1,0,1,\"usbmodem\"\r\n\r\nOK\r\n");
        host.command("AT+QISEND=0", "\r\n>");
        host.send("test1\u001a");
        host.expect("test1\r\nSEND OK\r\n");
        host.command("AT+QISEND=0,5", "\r\n>");
        host.send("test2");
        host.expect("test2\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, 10)).isEqualTo("test1test2");
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 10,10,0\r\n\r\nOK\r\n");
        TcpPeer.write(remote, "test");
        host.expect("\r\n+QIURC: \"recv\",0,4\r\ntest\r\n");
        host.command("AT+QICLOSE=0", "\r\nOK\r\n");
    }

    @Test
    void tcpServerBufferMode_3_5() throws IOException {
        int port = freePort();
        activate();
        host.command("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",0", "\r\nOK\r\n");
        host.expect("\r\n+QIOPEN: 1,0\r\n");
        host.command("AT+QISTATE=0,1", "\r\n+QISTATE: 1,\"TCP LISTENER\",\"127.0.0.1\",0," + port
                + ",3,1,1,0,\"usbmodem\"\r\n\r\nOK\r\n");
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            host.expect("\r\n+QIURC: \"incoming\",11,1,\"127.0.0.1\"," + client.getLocalPort() + "\r\n");
            TcpPeer.write(client, "test");
            host.expect("\r\n+QIURC: \"recv\",11\r\n");
            host.command("AT+QIRD=11,1500", "\r\n+QIRD: 4\r\ntest\r\n\r\nOK\r\n");
            host.command("AT+QIRD=11,1500", "\r\n+QIRD: 0\r\n\r\nOK\r\n");
            host.command("AT+QIRD=11,0", "\r\n+QIRD: 4,4,0\r\n\r\nOK\r\n");
            host.command("AT+QICLOSE=11", "\r\nOK\r\n");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            host.command("AT+QICLOSE=1", "\r\nOK\r\n");
        }
    }

    @Test
    void udpService_3_6() throws IOException {
        int port = freePort();
        try (DatagramSocket remoteA = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket remoteB = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            remoteA.setSoTimeout(HostLink.TIMEOUT_MS);
            remoteB.setSoTimeout(HostLink.TIMEOUT_MS);
            sim.close();
            sim = Simulator.start(SimulatorOptions.builder()
                    .route("10.7.89.10:6969=127.0.0.1:" + remoteA.getLocalPort())
                    .route("10.7.76.34:7687=127.0.0.1:" + remoteB.getLocalPort())
                    .build());
            host = HostLink.quiet(sim.port());
            activate();
            host.command("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0," + port + ",0", "\r\nOK\r\n");
            host.expect("\r\n+QIOPEN: 2,0\r\n");
            host.command("AT+QISTATE=0,1", "\r\n+QISTATE: 2,\"UDP SERVICE\",\"127.0.0.1\",0," + port
                    + ",2,1,2,0,\"usbmodem\"\r\n\r\nOK\r\n");
            host.command("AT+QISEND=2,10,\"10.7.89.10\",6969", "\r\n>");
            host.send("1234567890");
            host.expect("1234567890\r\nSEND OK\r\n");
            assertThat(receive(remoteA)).isEqualTo("1234567890");
            remoteB.send(new DatagramPacket("AAAA".getBytes(StandardCharsets.US_ASCII), 4,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            host.expect("\r\n+QIURC: \"recv\",2\r\n");
            host.command("AT+QIRD=2", "\r\n+QIRD: 4,\"10.7.76.34\",7687\r\nAAAA\r\n\r\nOK\r\n");
            host.command("AT+QIRD=2", "\r\n+QIRD: 0\r\n\r\nOK\r\n");
            host.command("AT+QISEND=2,10,\"10.7.76.34\",7687", "\r\n>");
            host.send("1234567890");
            host.expect("1234567890\r\nSEND OK\r\n");
            assertThat(receive(remoteB)).isEqualTo("1234567890");
            host.command("AT+QICLOSE=2", "\r\nOK\r\n");
        }
    }

    @Test
    void ping_3_7() throws IOException {
        activate();
        host.command("AT+QPING=1,\"www.baidu.com\"", "\r\nOK\r\n");
        host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,192,255\r\n");
        host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,240,255\r\n");
        host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,241,255\r\n");
        host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,479,255\r\n");
        host.expect("\r\n+QPING: 0,4,4,0,192,479,288\r\n");
    }

    @Test
    void lastErrorCode_3_8() throws IOException {
        activate();
        host.command("AT+QIOPEN=1,\"TCP\",\"220.180.239.212\",8009,0,1", "\r\nERROR\r\n");
        host.command("AT+QIGETERROR", "\r\n+QIGETERROR: 552, invalid parameters\r\n\r\nOK\r\n");
    }

    static String receive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket d = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Silence on the line for the +++ guard time (a precondition, not a timing assertion). */
    static void sleepAtLeast(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
