package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The real data path behind the virtual network: refused destinations, real connect failures, client local ports,
 * UDP clients in push and transparent mode, a send buffer that really fills, and the options that shape what the
 * module reports (--at-port, --pdp-ip, --ping-rtt, --ping-ttl, --allow-real-network).
 */
class DataPathTest extends SimulatorTestBase {

    @Test
    void closedLoopbackPortFailsTheOpenWith566() throws IOException {
        int closed = Loopback.freePort();
        activate();
        host.command("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\"," + closed + ",0,0", OK + "\r\n+QIOPEN: 0,566\r\n");
        host.lastErrorIs(566);
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"127.0.0.1\"," + closed
                + ",0,0,1,0,0,\"usbmodem\"\r\n" + OK);
        host.command("AT+QICLOSE=0", OK);
    }

    @Test
    void destinationsOutsideLoopbackWithoutARouteAreRefused() throws IOException {
        activate();
        host.command("AT+QIOPEN=1,0,\"UDP\",\"8.8.8.8\",53,0,0", OK + "\r\n+QIOPEN: 0,566\r\n");
        host.lastErrorIs(566);
        host.command("AT+QICLOSE=0", OK);
        expectError("AT+QIOPEN=1,0,\"UDP\",\"8.8.8.8\",53,0,2", 566);
        host.opens("AT+QIOPEN=1,1,\"UDP SERVICE\",\"127.0.0.1\",0," + Loopback.freePort() + ",0", 1);
        expectError("AT+QISEND=1,3,\"8.8.8.8\",53", 558);
    }

    @Test
    void pingOutsideLoopbackTimesOutUnlessRealNetworkIsAllowed() throws IOException {
        activate();
        host.command("AT+QPING=1,\"192.0.2.1\",1,1", OK + "\r\n+QPING: 569\r\n\r\n+QPING: 0,1,0,1,0,0,0\r\n");
        restart(options().allowRealNetwork(true));
        activate();
        host.command("AT+QPING=1,\"192.0.2.1\",1,1", OK + "\r\n+QPING: 0,\"192.0.2.1\",32,20,255\r\n"
                + "\r\n+QPING: 0,1,1,0,20,20,20\r\n");
    }

    @Test
    void pingReportsTheConfiguredRoundTripTimesAndTtl() throws IOException {
        restart(options().pingRttMs(5, 7).pingTtl(64));
        activate();
        host.command("AT+QPING=1,\"127.0.0.1\",4,3,64", OK
                + "\r\n+QPING: 0,\"127.0.0.1\",64,5,64\r\n"
                + "\r\n+QPING: 0,\"127.0.0.1\",64,7,64\r\n"
                + "\r\n+QPING: 0,\"127.0.0.1\",64,5,64\r\n"
                + "\r\n+QPING: 0,3,3,0,5,7,5\r\n");
    }

    @Test
    void atPortAndPdpAddressOptions() throws IOException {
        restart(options().atPort("uart1").pdpIp("10.1.2.3")
                .route("220.180.239.212:8009=127.0.0.1:" + peer.port()));
        activate();
        host.command("AT+QIACT=2", OK);
        host.command("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.1.2.3\"\r\n+QIACT: 2,1,1,\"10.1.2.4\"\r\n" + OK);
        Socket remote = openTcp(0, 0);
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + remote.getPort()
                + ",2,1,0,0,\"uart1\"\r\n" + OK);
    }

    @Test
    void clientLocalPortsAreBoundAsRequestedPlusTheListenOffset() throws IOException {
        int offset = 7;
        int tcpLocal = Loopback.freePort() - offset;
        int udpLocal = Loopback.freePort() - offset;
        try (DatagramSocket remote = Loopback.udpPeer()) {
            restart(options().listenOffset(offset).route("220.180.239.212:8009=127.0.0.1:" + peer.port())
                    .route("1.2.3.4:5000=127.0.0.1:" + remote.getLocalPort()));
            activate();
            host.opens("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009," + tcpLocal + ",0", 0);
            Socket s = peer.accept();
            assertThat(s.getPort()).isEqualTo(tcpLocal + offset);
            host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + tcpLocal
                    + ",2,1,0,0,\"usbmodem\"\r\n" + OK);
            host.opens("AT+QIOPEN=1,1,\"UDP\",\"1.2.3.4\",5000," + udpLocal + ",0", 1);
            host.command("AT+QISEND=1,1", "\r\n>");
            host.send("u");
            host.expect("u\r\nSEND OK\r\n");
            assertThat(Loopback.receiveDatagram(remote).source().getPort()).isEqualTo(udpLocal + offset);
            host.command("AT+QISTATE=1,1", "\r\n+QISTATE: 1,\"UDP\",\"1.2.3.4\",5000," + udpLocal
                    + ",2,1,1,0,\"usbmodem\"\r\n" + OK);
        }
    }

    @Test
    void udpClientInDirectPushMode() throws IOException {
        try (DatagramSocket remote = routedUdpPeer()) {
            host.opens("AT+QIOPEN=1,4,\"UDP\",\"1.2.3.4\",5000,0,1", 4);
            host.command("AT+QISEND=4,2", "\r\n>");
            host.send("hi");
            host.expect("hi\r\nSEND OK\r\n");
            InetSocketAddress module = Loopback.receiveDatagram(remote).source();
            Loopback.sendDatagram(remote, "pong", module);
            host.expect("\r\n+QIURC: \"recv\",4,4\r\npong\r\n");
            host.command("AT+QISTATE=1,4", "\r\n+QISTATE: 4,\"UDP\",\"1.2.3.4\",5000," + module.getPort()
                    + ",2,1,4,1,\"usbmodem\"\r\n" + OK);
        }
    }

    @Test
    void udpClientInTransparentMode() throws IOException {
        try (DatagramSocket remote = routedUdpPeer()) {
            host.command("AT+QICFG=\"transwaittm\",0", OK);
            host.command("AT+QIOPEN=1,0,\"UDP\",\"1.2.3.4\",5000,0,2", "\r\nCONNECT\r\n");
            host.send("datagram");
            Loopback.Datagram sent = Loopback.receiveDatagram(remote);
            assertThat(sent.text()).isEqualTo("datagram");
            Loopback.sendDatagram(remote, "back", sent.source());
            host.expect("back");
            escape();
            host.command("AT+QISEND=0,0", "\r\n+QISEND: 8,8,0\r\n" + OK);
            host.command("AT+QIRD=0,0", "\r\n+QIRD: 4,4,0\r\n" + OK);
        }
    }

    /** The peer stops reading: the kernel's buffers and then the modelled 10240-byte send buffer fill. */
    @Test
    void sendBufferFillsWhenThePeerStopsReadingAndEmptiesWhenItReads() throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        host.command("AT+QISDE=0", OK);
        String chunk = "x".repeat(1460);
        long accepted = 0;
        String result = "";
        for (int i = 0; i < 10_000 && !result.equals("SEND FAIL\r\n"); i++) {
            host.command("AT+QISEND=0,1460", "\r\n>");
            host.send(chunk);
            host.expect("\r\n");
            result = host.readUntil("\r\n");
            if (result.equals("SEND OK\r\n")) {
                accepted += chunk.length();
            }
        }
        assertThat(result).isEqualTo("SEND FAIL\r\n");
        assertThat(TcpPeer.read(remote, (int) accepted)).hasSize((int) accepted);
        String drained = "\r\n+QISEND: " + accepted + "," + accepted + ",0\r\n" + OK;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            host.send("AT+QISEND=0,0\r");
            return host.readUntil(OK).equals(drained);
        });
        host.command("AT+QISEND=0,4", "\r\n>");
        host.send("more");
        host.expect("\r\nSEND OK\r\n");
    }
}
