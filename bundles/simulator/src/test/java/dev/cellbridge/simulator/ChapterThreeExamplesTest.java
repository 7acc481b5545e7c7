package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every command/response/URC example of the application note's chapter 3 (and the example of 2.3.2), one test each,
 * byte for byte with the CRLF framing of 2.1.2, through a real TCP connection to the simulator.
 *
 * <p>The virtual network makes the examples' literal addresses work: 220.180.239.212:8009 is routed to a loopback
 * TCP peer, 10.7.89.10:6969 and 10.7.76.34:7687 to loopback UDP peers, www.baidu.com resolves to 61.135.169.125, and
 * the listen offset maps the examples' local ports 2020 and 3030 to free loopback ports. What the network chooses
 * (the client's local port, the example's 65514; an incoming client's address, the example's 172.31.242.222:54091)
 * is the real value. An example that continues an earlier one first replays the earlier exchanges, which assert their
 * bytes too.
 */
class ChapterThreeExamplesTest extends SimulatorTestBase {
    static final int SPEC_TCP_SERVER_PORT = 2020;
    static final int SPEC_UDP_SERVICE_PORT = 3030;
    private DatagramSocket udpServer6969;
    private DatagramSocket udpRemote7687;
    private int listenOffset;

    @Override
    SimulatorOptions.Builder options() throws IOException {
        udpServer6969 = Loopback.udpPeer();
        udpRemote7687 = Loopback.udpPeer();
        listenOffset = Loopback.listenOffsetFreeFor(SPEC_TCP_SERVER_PORT, SPEC_UDP_SERVICE_PORT);
        return super.options()
                .route("10.7.89.10:6969=127.0.0.1:" + udpServer6969.getLocalPort())
                .route("10.7.76.34:7687=127.0.0.1:" + udpRemote7687.getLocalPort())
                .route("61.135.169.125:7=127.0.0.1:" + peer.port())
                .dns("www.baidu.com", "61.135.169.125")
                .pingRttMs(192, 240, 241, 479)
                .listenOffset(listenOffset);
    }

    @AfterEach
    void closeUdpPeers() {
        udpServer6969.close();
        udpRemote7687.close();
    }

    // ------------------------------------------------------------------ exchanges shared by the sections

    /** 3.1.1. */
    private void configureContext() throws IOException {
        host.command("AT+QICSGP=1,1,\"UNINET\",\"\", \"\",0", OK);
    }

    /** 3.1.1 and the first half of 3.1.2. */
    private void configureAndActivate() throws IOException {
        configureContext();
        host.command("AT+QIACT=1", OK);
    }

    /** 3.2.1 / 3.4.1: opens connectID 0 to 220.180.239.212:8009 and checks its state; returns the server's socket. */
    private Socket openTcpClient(int accessMode) throws IOException {
        host.opens("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0," + accessMode, 0);
        Socket remote = peer.accept();
        expectClientState(0, remote, 2, accessMode);
        return remote;
    }

    /** 3.2.2 / 3.4.2 variable length: the payload is echoed after the prompt (QISDE=1 by default). */
    private void sendVariableLength(Socket remote, String data) throws IOException {
        host.command("AT+QISEND=0", "\r\n>");
        host.send(data + "\u001a");
        host.expect(data + "\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, data.length())).isEqualTo(data);
    }

    /** 3.2.2 / 3.4.2 fixed length. */
    private void sendFixedLength(Socket remote, String data) throws IOException {
        host.command("AT+QISEND=0," + data.length(), "\r\n>");
        host.send(data);
        host.expect(data + "\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, data.length())).isEqualTo(data);
    }

    /** 3.2.3 / 3.5.3: the server sends, the module reports it once, the host reads it. */
    private void receiveAndRead(Socket remote, int id, String data, String urc) throws IOException {
        TcpPeer.write(remote, data);
        host.expect("\r\n" + urc + "\r\n");
        host.command("AT+QIRD=" + id + ",1500", "\r\n+QIRD: " + data.length() + "\r\n" + data + "\r\n" + OK);
    }

    /** 3.2.3 / 3.5.3: nothing left to read. */
    private void readNothing(int id) throws IOException {
        host.command("AT+QIRD=" + id + ",1500", "\r\n+QIRD: 0\r\n" + OK);
    }

    private void closeAndSeeEndOfStream(int id, Socket remote) throws IOException {
        host.command("AT+QICLOSE=" + id, OK);
        assertThat(remote.getInputStream().read()).isEqualTo(-1);
    }

    /** A section whose examples begin with context 1 configured (3.1.1) and active (3.1.2). */
    abstract class ActiveContextSection {
        @BeforeEach
        void activated() throws IOException {
            configureAndActivate();
        }
    }

    // ------------------------------------------------------------------ 2.3.2

    @Nested
    @DisplayName("2.3.2 AT+QICSGP example")
    class Qicsgp {
        @Test
        @DisplayName("2.3.2 query the configuration of context 1")
        void query_2_3_2() throws IOException {
            host.command("AT+QICSGP=1", "\r\n+QICSGP: 1,\"\",\"\",\"\",0\r\n" + OK);
        }

        @Test
        @DisplayName("2.3.2 configure context 1")
        void configure_2_3_2() throws IOException {
            host.command("AT+QICSGP=1,1,\"UNINET\",\"\",\"\",0", OK);
            host.command("AT+QICSGP=1", "\r\n+QICSGP: 1,\"UNINET\",\"\",\"\",0\r\n" + OK);
        }
    }

    // ------------------------------------------------------------------ 3.1

    @Nested
    @DisplayName("3.1 Configure and activate a context")
    class Context {
        @Test
        @DisplayName("3.1.1 configure a context")
        void configure_3_1_1() throws IOException {
            configureContext();
            host.command("AT+QICSGP=1", "\r\n+QICSGP: 1,\"UNINET\",\"\",\"\",0\r\n" + OK);
        }

        @Test
        @DisplayName("3.1.2 activate a context")
        void activate_3_1_2() throws IOException {
            configureContext();
            host.command("AT+QIACT=1", OK);
            host.command("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK);
        }

        @Test
        @DisplayName("3.1.3 deactivate a context")
        void deactivate_3_1_3() throws IOException {
            configureAndActivate();
            host.command("AT+QIDEACT=1", OK);
            host.command("AT+QIACT?", OK);
        }
    }

    // ------------------------------------------------------------------ 3.2

    @Nested
    @DisplayName("3.2 TCP client works in buffer access mode")
    class TcpClientBufferMode extends ActiveContextSection {
        @Test
        @DisplayName("3.2.1 set up a TCP client connection in buffer access mode")
        void open_3_2_1() throws IOException {
            openTcpClient(0);
        }

        @Test
        @DisplayName("3.2.2 send variable-length data")
        void sendVariableLength_3_2_2() throws IOException {
            sendVariableLength(openTcpClient(0), "test1");
        }

        @Test
        @DisplayName("3.2.2 send fixed-length data")
        void sendFixedLength_3_2_2() throws IOException {
            sendFixedLength(openTcpClient(0), "test");
        }

        @Test
        @DisplayName("3.2.2 query the length of sent data")
        void sendTotals_3_2_2() throws IOException {
            Socket remote = openTcpClient(0);
            sendVariableLength(remote, "test1");
            sendFixedLength(remote, "test");
            host.command("AT+QISEND=0,0", "\r\n+QISEND: 9,9,0\r\n" + OK);
        }

        @Test
        @DisplayName("3.2.3 recv URC, then read with AT+QIRD")
        void receiveAndRead_3_2_3() throws IOException {
            receiveAndRead(openTcpClient(0), 0, "test1", "+QIURC: \"recv\",0");
        }

        @Test
        @DisplayName("3.2.3 recvind: the recv URC with the length")
        void receiveWithRecvind_3_2_3() throws IOException {
            Socket remote = openTcpClient(0);
            receiveAndRead(remote, 0, "test1", "+QIURC: \"recv\",0");
            host.command("AT+QICFG=\"recvind\",1", OK);
            receiveAndRead(remote, 0, "test1", "+QIURC: \"recv\",0,5");
        }

        @Test
        @DisplayName("3.2.3 no data in buffer")
        void noData_3_2_3() throws IOException {
            receiveAndRead(openTcpClient(0), 0, "test1", "+QIURC: \"recv\",0");
            readNothing(0);
        }

        @Test
        @DisplayName("3.2.3 query the total length of received data")
        void receiveTotals_3_2_3() throws IOException {
            Socket remote = openTcpClient(0);
            receiveAndRead(remote, 0, "test1", "+QIURC: \"recv\",0");
            receiveAndRead(remote, 0, "test1", "+QIURC: \"recv\",0");
            readNothing(0);
            host.command("AT+QIRD=0,0", "\r\n+QIRD: 10,10,0\r\n" + OK);
        }

        @Test
        @DisplayName("3.2.4 close a connection")
        void close_3_2_4() throws IOException {
            closeAndSeeEndOfStream(0, openTcpClient(0));
            host.command("AT+QISTATE=1,0", OK);
        }
    }

    // ------------------------------------------------------------------ 3.3

    @Nested
    @DisplayName("3.3 TCP client works in transparent transmission mode")
    class TcpClientTransparentMode extends ActiveContextSection {
        /** 3.3.1. */
        private Socket openTransparent() throws IOException {
            host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\n");
            return peer.accept();
        }

        @Test
        @DisplayName("3.3.1 set up a TCP client connection in transparent transmission mode")
        void open_3_3_1() throws IOException {
            openTransparent();
        }

        @Test
        @DisplayName("3.3.2 all data from the COM port goes to the server")
        void send_3_3_2() throws IOException {
            Socket remote = openTransparent();
            host.send("hello, server");
            assertThat(TcpPeer.read(remote, 13)).isEqualTo("hello, server");
        }

        @Test
        @DisplayName("3.3.3 all data from the server comes out of the COM port")
        void receive_3_3_3() throws IOException {
            Socket remote = openTransparent();
            TcpPeer.write(remote, "Test 1");
            host.expect("Test 1");
        }

        @Test
        @DisplayName("3.3.4 +++ then close the TCP client")
        void close_3_3_4() throws IOException {
            Socket remote = openTransparent();
            escape();
            closeAndSeeEndOfStream(0, remote);
        }
    }

    // ------------------------------------------------------------------ 3.4

    @Nested
    @DisplayName("3.4 TCP client works in direct push mode")
    class TcpClientDirectPushMode extends ActiveContextSection {
        @Test
        @DisplayName("3.4.1 set up a TCP client connection in direct push mode")
        void open_3_4_1() throws IOException {
            openTcpClient(1);
        }

        @Test
        @DisplayName("3.4.2 send variable-length data")
        void sendVariableLength_3_4_2() throws IOException {
            sendVariableLength(openTcpClient(1), "test1");
        }

        @Test
        @DisplayName("3.4.2 send fixed-length data")
        void sendFixedLength_3_4_2() throws IOException {
            sendFixedLength(openTcpClient(1), "test2");
        }

        @Test
        @DisplayName("3.4.2 query sent, acknowledged and unacknowledged data")
        void sendTotals_3_4_2() throws IOException {
            Socket remote = openTcpClient(1);
            sendVariableLength(remote, "test1");
            sendFixedLength(remote, "test2");
            host.command("AT+QISEND=0,0", "\r\n+QISEND: 10,10,0\r\n" + OK);
        }

        @Test
        @DisplayName("3.4.3 data from the server is pushed with the recv URC")
        void receive_3_4_3() throws IOException {
            Socket remote = openTcpClient(1);
            TcpPeer.write(remote, "test");
            host.expect("\r\n+QIURC: \"recv\",0,4\r\ntest\r\n");
        }

        @Test
        @DisplayName("3.4.4 close a TCP client")
        void close_3_4_4() throws IOException {
            closeAndSeeEndOfStream(0, openTcpClient(1));
        }
    }

    // ------------------------------------------------------------------ 3.5

    @Nested
    @DisplayName("3.5 TCP server works in buffer access mode")
    class TcpServerBufferMode extends ActiveContextSection {
        /** 3.5.1. */
        private void startServer() throws IOException {
            host.opens("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,0", 1);
            host.command("AT+QISTATE=0,1",
                    "\r\n+QISTATE: 1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,3,1,1,0,\"usbmodem\"\r\n" + OK);
        }

        /** 3.5.2: a real client connects to 2020 + the listen offset. */
        private Socket acceptClient() throws IOException {
            Socket client = new Socket(Loopback.ADDRESS, SPEC_TCP_SERVER_PORT + listenOffset);
            client.setSoTimeout(HostLink.TIMEOUT_MS);
            host.expect("\r\n+QIURC: \"incoming\",11,1,\"127.0.0.1\"," + client.getLocalPort() + "\r\n");
            return client;
        }

        @Test
        @DisplayName("3.5.1 start a TCP server")
        void start_3_5_1() throws IOException {
            startServer();
        }

        @Test
        @DisplayName("3.5.2 accept a TCP incoming connection as connectID 11")
        void incoming_3_5_2() throws IOException {
            startServer();
            try (Socket client = acceptClient()) {
                host.command("AT+QISTATE=1,11", "\r\n+QISTATE: 11,\"TCP INCOMING\",\"127.0.0.1\","
                        + client.getLocalPort() + ",2020,2,1,1,0,\"usbmodem\"\r\n" + OK);
            }
        }

        @Test
        @DisplayName("3.5.3 recv URC, then read the client's data")
        void receiveAndRead_3_5_3() throws IOException {
            startServer();
            try (Socket client = acceptClient()) {
                receiveAndRead(client, 11, "test", "+QIURC: \"recv\",11");
            }
        }

        @Test
        @DisplayName("3.5.3 no data in buffer")
        void noData_3_5_3() throws IOException {
            startServer();
            try (Socket client = acceptClient()) {
                receiveAndRead(client, 11, "test", "+QIURC: \"recv\",11");
                readNothing(11);
            }
        }

        @Test
        @DisplayName("3.5.3 query the total length of received data")
        void receiveTotals_3_5_3() throws IOException {
            startServer();
            try (Socket client = acceptClient()) {
                receiveAndRead(client, 11, "test", "+QIURC: \"recv\",11");
                readNothing(11);
                host.command("AT+QIRD=11,0", "\r\n+QIRD: 4,4,0\r\n" + OK);
            }
        }

        @Test
        @DisplayName("3.5.4 close the incoming connection and the server")
        void close_3_5_4() throws IOException {
            startServer();
            try (Socket client = acceptClient()) {
                closeAndSeeEndOfStream(11, client);
                host.command("AT+QICLOSE=1", OK);
                host.command("AT+QISTATE", OK);
            }
        }
    }

    // ------------------------------------------------------------------ 3.6

    @Nested
    @DisplayName("3.6 UDP service")
    class UdpService extends ActiveContextSection {
        /** 3.6.1. */
        private void startService() throws IOException {
            host.opens("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,0", 2);
            host.command("AT+QISTATE=0,1",
                    "\r\n+QISTATE: 2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,2,1,2,0,\"usbmodem\"\r\n" + OK);
        }

        private void sendTo(String ip, int port, DatagramSocket remote) throws IOException {
            host.command("AT+QISEND=2,10,\"" + ip + "\"," + port, "\r\n>");
            host.send("1234567890");
            host.expect("1234567890\r\nSEND OK\r\n");
            assertThat(Loopback.receive(remote)).isEqualTo("1234567890");
        }

        /** 3.6.3: a datagram from 10.7.76.34:7687 is read whole with its source. */
        private void receiveDatagram() throws IOException {
            Loopback.sendDatagram(udpRemote7687, "AAAA", SPEC_UDP_SERVICE_PORT + listenOffset);
            host.expect("\r\n+QIURC: \"recv\",2\r\n");
            host.command("AT+QIRD=2", "\r\n+QIRD: 4,\"10.7.76.34\",7687\r\nAAAA\r\n" + OK);
        }

        @Test
        @DisplayName("3.6.1 start a UDP service")
        void start_3_6_1() throws IOException {
            startService();
        }

        @Test
        @DisplayName("3.6.2 send UDP data to a remote server")
        void send_3_6_2() throws IOException {
            startService();
            sendTo("10.7.89.10", 6969, udpServer6969);
        }

        @Test
        @DisplayName("3.6.3 recv URC, then read one whole datagram with its source")
        void receive_3_6_3() throws IOException {
            startService();
            receiveDatagram();
        }

        @Test
        @DisplayName("3.6.3 no data in buffer")
        void noData_3_6_3() throws IOException {
            startService();
            receiveDatagram();
            host.command("AT+QIRD=2", "\r\n+QIRD: 0\r\n" + OK);
        }

        @Test
        @DisplayName("3.6.3 send data back to the remote side")
        void reply_3_6_3() throws IOException {
            startService();
            receiveDatagram();
            sendTo("10.7.76.34", 7687, udpRemote7687);
        }

        @Test
        @DisplayName("3.6.4 close a UDP service")
        void close_3_6_4() throws IOException {
            startService();
            host.command("AT+QICLOSE=2", OK);
            host.command("AT+QISTATE", OK);
        }
    }

    // ------------------------------------------------------------------ 3.7, 3.8

    @Nested
    @DisplayName("3.7 PING")
    class Ping {
        @Test
        @DisplayName("3.7 ping www.baidu.com in context 1")
        void ping_3_7() throws IOException {
            configureAndActivate();
            host.command("AT+QPING=1,\"www.baidu.com\"", OK);
            host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,192,255\r\n");
            host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,240,255\r\n");
            host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,241,255\r\n");
            host.expect("\r\n+QPING: 0,\"61.135.169.125\",32,479,255\r\n");
            host.expect("\r\n+QPING: 0,4,4,0,192,479,288\r\n");
        }
    }

    @Nested
    @DisplayName("3.8 Get last error code")
    class LastError {
        @Test
        @DisplayName("3.8 QIOPEN without a connectID, then QIGETERROR")
        void lastErrorCode_3_8() throws IOException {
            configureAndActivate();
            host.command("AT+QIOPEN=1,\"TCP\",\"220.180.239.212\",8009,0,1", ERROR);
            host.command("AT+QIGETERROR", "\r\n+QIGETERROR: 552, invalid parameters\r\n" + OK);
        }
    }
}
