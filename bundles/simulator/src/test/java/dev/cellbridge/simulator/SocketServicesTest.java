package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** TCP LISTENER with many clients, UDP client and service, async contexts, DNS, mode switching. */
class SocketServicesTest extends SimulatorTestBase {

    @Test
    void listenerAcceptsElevenClientsFromElevenDownThenReportsIncomingFull() throws IOException {
        int port = Loopback.freePort();
        activate();
        host.opens("AT+QIOPEN=1,0,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",0", 0);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int id = 11; id >= 1; id--) {
                Socket c = new Socket(InetAddress.getLoopbackAddress(), port);
                clients.add(c);
                host.expect("\r\n+QIURC: \"incoming\"," + id + ",0,\"127.0.0.1\"," + c.getLocalPort() + "\r\n");
            }
            Socket extra = new Socket(InetAddress.getLoopbackAddress(), port);
            clients.add(extra);
            host.expect("\r\n+QIURC: \"incoming full\",0\r\n");
            extra.setSoTimeout(HostLink.TIMEOUT_MS);
            assertThat(extra.getInputStream().read()).isEqualTo(-1);
            host.command("AT+QISTATE=1,11", "\r\n+QISTATE: 11,\"TCP INCOMING\",\"127.0.0.1\","
                    + clients.get(0).getLocalPort() + "," + port + ",2,1,0,0,\"usbmodem\"\r\n" + OK);
        } finally {
            for (Socket c : clients) {
                c.close();
            }
        }
    }

    @Test
    void listenerClientMaxnumAndInheritedPushMode() throws IOException {
        int port = Loopback.freePort();
        activate();
        host.opens("AT+QIOPEN=1,3,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",1,1", 3);
        try (Socket a = new Socket(InetAddress.getLoopbackAddress(), port)) {
            host.expect("\r\n+QIURC: \"incoming\",11,3,\"127.0.0.1\"," + a.getLocalPort() + "\r\n");
            try (Socket b = new Socket(InetAddress.getLoopbackAddress(), port)) {
                host.expect("\r\n+QIURC: \"incoming full\",3\r\n");
            }
            TcpPeer.write(a, "push");
            host.expect("\r\n+QIURC: \"recv\",11,4\r\npush\r\n");
            host.command("AT+QISEND=11,2", "\r\n>");
            host.send("ok");
            host.expect("ok\r\nSEND OK\r\n");
            a.setSoTimeout(HostLink.TIMEOUT_MS);
            assertThat(TcpPeer.read(a, 2)).isEqualTo("ok");
            a.close();
            host.expect("\r\n+QIURC: \"closed\",11\r\n");
            host.command("AT+QISTATE=1,11", "\r\n+QISTATE: 11,\"TCP INCOMING\",\"127.0.0.1\"," + a.getLocalPort()
                    + "," + port + ",4,1,3,1,\"usbmodem\"\r\n" + OK);
        }
    }

    @Test
    void udpClientSendsAndReceivesThroughRoute() throws IOException {
        try (DatagramSocket remote = routedUdpPeer()) {
            host.opens("AT+QIOPEN=1,4,\"UDP\",\"1.2.3.4\",5000,0,0", 4);
            host.command("AT+QISEND=4,3", "\r\n>");
            host.send("abc");
            host.expect("abc\r\nSEND OK\r\n");
            Loopback.Datagram sent = Loopback.receiveDatagram(remote);
            assertThat(sent.text()).isEqualTo("abc");
            Loopback.sendDatagram(remote, "xyz!", sent.source());
            host.expect("\r\n+QIURC: \"recv\",4\r\n");
            host.command("AT+QIRD=4,2", "\r\n+QIRD: 2\r\nxy\r\n" + OK);
            host.command("AT+QIRD=4", "\r\n+QIRD: 2\r\nz!\r\n" + OK);
            host.command("AT+QISEND=4,0", "\r\n+QISEND: 3,3,0\r\n" + OK);
            host.command("AT+QIRD=4,0", "\r\n+QIRD: 4,4,0\r\n" + OK);
        }
    }

    @Test
    void udpServiceWithSeveralPeersInPushMode() throws IOException {
        int port = Loopback.freePort();
        activate();
        host.opens("AT+QIOPEN=1,5,\"UDP SERVICE\",\"127.0.0.1\",0," + port + ",1", 5);
        try (DatagramSocket a = Loopback.udpPeer(); DatagramSocket b = Loopback.udpPeer()) {
            Loopback.sendDatagram(a, "hi", port);
            host.expect("\r\n+QIURC: \"recv\",5,2,\"127.0.0.1\"," + a.getLocalPort() + "\r\nhi\r\n");
            Loopback.sendDatagram(b, "yo!", port);
            host.expect("\r\n+QIURC: \"recv\",5,3,\"127.0.0.1\"," + b.getLocalPort() + "\r\nyo!\r\n");
            host.command("AT+QISEND=5,4,\"127.0.0.1\"," + a.getLocalPort(), "\r\n>");
            host.send("back");
            host.expect("back\r\nSEND OK\r\n");
            assertThat(Loopback.receive(a)).isEqualTo("back");
            host.command("AT+QIRD=5,0", "\r\n+QIRD: 5,5,0\r\n" + OK);
        }
    }

    @Test
    void asyncActivationAndDeactivationReportUrcs() throws IOException {
        host.command("AT+QIACTEX=?", "\r\n+QIACTEX: (1-5),(0,1)\r\n" + OK);
        host.command("AT+QIACTEX=2,1", OK + "\r\n+QIACTEX: 2,0,1,\"10.7.157.2\"\r\n");
        host.command("AT+QIACTEX?", "\r\n+QIACTEX: 2,1,1,\"10.7.157.2\"\r\n" + OK);
        host.command("AT+QIACTEX=2", OK + "\r\n+QIACTEX: 2,561\r\n");
        host.command("AT+QIDEACTEX=2", OK + "\r\n+QIDEACTEX: 2,0\r\n");
        host.command("AT+QICSGP=3,3,\"ims\"", OK);
        host.command("AT+QIACTEX=3,0", OK + "\r\n+QIACTEX: 3,0\r\n");
        host.command("AT+QIACT?", "\r\n+QIACT: 3,1,3,\"10.7.157.3\",\"2001:db8:0:3::1\"\r\n" + OK);
    }

    @Test
    void dnsConfigurationAndNames() throws IOException {
        restart(options().dns("echo.example", "220.180.239.212")
                .route("220.180.239.212:8009=127.0.0.1:" + peer.port()));
        expectError("AT+QIDNSCFG=1,\"8.8.8.8\"", 561);
        activate();
        host.command("AT+QIDNSCFG=1", "\r\n+QIDNSCFG: 1,\"114.114.114.114\",\"114.114.115.115\"\r\n" + OK);
        host.command("AT+QIDNSCFG=1,\"8.8.8.8\",\"1.1.1.1\"", OK);
        host.command("AT+QIDNSCFG=1", "\r\n+QIDNSCFG: 1,\"8.8.8.8\",\"1.1.1.1\"\r\n" + OK);
        expectError("AT+QIDNSCFG=1,\"2001:db8::1\"", 552);
        host.opens("AT+QIOPEN=1,0,\"TCP\",\"echo.example\",8009,0,0", 0);
        Socket s = peer.accept();
        expectClientState(0, s, 2, 0);
        host.command("AT+QIOPEN=1,1,\"TCP\",\"nowhere.example\",80,0,0", OK + "\r\n+QIOPEN: 1,565\r\n");
        host.lastErrorIs(565);
        host.command("AT+QPING=1,\"nowhere.example\"", OK + "\r\n+QPING: 565\r\n");
    }

    @Test
    void switchingAccessModesFlushesBufferedDataAsPush() throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        TcpPeer.write(remote, "abc");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("AT+QISWTMD=0,1", OK + "\r\n+QIURC: \"recv\",0,3\r\nabc\r\n");
        TcpPeer.write(remote, "d");
        host.expect("\r\n+QIURC: \"recv\",0,1\r\nd\r\n");
        host.command("AT+QISWTMD=0,0", OK);
        TcpPeer.write(remote, "e");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("AT+QIRD=0,0", "\r\n+QIRD: 5,4,1\r\n" + OK);
        host.command("AT+QISWTMD=?", "\r\n+QISWTMD: (0-11),(0-2)\r\n" + OK);
    }

    @Test
    void bufferModeReportsOneRecvUntilDrained() throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        TcpPeer.write(remote, "12345");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        host.command("AT+QIRD=0,2", "\r\n+QIRD: 2\r\n12\r\n" + OK);
        TcpPeer.write(remote, "678");
        // no second URC while data is unread: poll the totals until the new data is in; no URC may appear
        String answer = "";
        for (int i = 0; i < 200 && !answer.contains("+QIRD: 8,2,6"); i++) {
            host.send("AT+QIRD=0,0\r");
            answer = host.readUntil(OK);
            assertThat(answer).doesNotContain("+QIURC");
        }
        assertThat(answer).isEqualTo("\r\n+QIRD: 8,2,6\r\n" + OK);
        host.command("AT+QIRD=0,1500", "\r\n+QIRD: 6\r\n345678\r\n" + OK);
        TcpPeer.write(remote, "9");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
    }

    @Test
    void remoteCloseKeepsUnreadDataReadable() throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        TcpPeer.write(remote, "last words");
        host.expect("\r\n+QIURC: \"recv\",0\r\n");
        remote.close();
        host.expect("\r\n+QIURC: \"closed\",0\r\n");
        expectClientState(0, remote, 4, 0);
        host.command("AT+QIRD=0", "\r\n+QIRD: 10\r\nlast words\r\n" + OK);
        expectError("AT+QISEND=0,1", 567);
        host.command("AT+QICLOSE=0", OK);
    }

    @Test
    void passiveClosedReleasesTheSocket() throws IOException {
        activate();
        host.command("AT+QICFG=\"passiveclosed\",1", OK);
        Socket remote = openTcp(0, 0);
        remote.close();
        host.expect("\r\n+QIURC: \"closed\",0\r\n");
        host.command("AT+QISTATE=1,0", OK);
    }

    @Test
    void pdpNotActiveRouteRefusedAndIdInUse() throws IOException {
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", OK + "\r\n+QIOPEN: 0,561\r\n");
        host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,0,0,1,0,0,\"usbmodem\"\r\n"
                + OK);
        expectError("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", 563);
        host.command("AT+QICLOSE=0", OK);
        activate();
        host.command("AT+QIOPEN=1,0,\"TCP\",\"8.8.8.8\",53,0,0", OK + "\r\n+QIOPEN: 0,566\r\n");
        host.lastErrorIs(566);
        host.command("AT+QICLOSE=0", OK);
        expectError("AT+QIOPEN=1,0,\"TCP\",\"8.8.8.8\",53,0,2", 566);
        host.command("AT+QISTATE", OK);
    }

    @Test
    void listenerPortBusy() throws IOException {
        int port = Loopback.freePort();
        activate();
        host.opens("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",0", 1);
        host.command("AT+QIOPEN=1,2,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",0", OK + "\r\n+QIOPEN: 2,574\r\n");
        expectError("AT+QIOPEN=1,3,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",2", 555);
    }

    @Test
    void qistateForms() throws IOException {
        activate();
        host.command("AT+QIACT=2", OK);
        Socket a = openTcp(0, 0);
        host.opens("AT+QIOPEN=2,7,\"TCP\",\"220.180.239.212\",8009,0,1", 7);
        Socket b = peer.accept();
        String line0 = "+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009," + a.getPort() + ",2,1,0,0,\"usbmodem\"";
        String line7 = "+QISTATE: 7,\"TCP\",\"220.180.239.212\",8009," + b.getPort() + ",2,2,7,1,\"usbmodem\"";
        host.command("AT+QISTATE?", "\r\n" + line0 + "\r\n" + line7 + "\r\n" + OK);
        host.command("AT+QISTATE", "\r\n" + line0 + "\r\n" + line7 + "\r\n" + OK);
        host.command("AT+QISTATE=0,2", "\r\n" + line7 + "\r\n" + OK);
        host.command("AT+QISTATE=1,7", "\r\n" + line7 + "\r\n" + OK);
        host.command("AT+QISTATE=?", "\r\n+QISTATE: (0,1),(1-5),(0-11)\r\n" + OK);
        host.command("AT+QIDEACT=2", OK);
        host.command("AT+QISTATE", "\r\n" + line0 + "\r\n" + OK);
    }

    @Test
    void listenerLocalPortEndsAndZeroClients() throws IOException {
        int free = Loopback.freePort();
        restart(options().listenOffset(free - 1));
        activate();
        expectError("AT+QIOPEN=1,0,\"TCP LISTENER\",\"127.0.0.1\",0,0,0", 552);
        expectError("AT+QIOPEN=1,0,\"TCP LISTENER\",\"127.0.0.1\",0,65536,0", 552);
        host.opens("AT+QIOPEN=1,0,\"TCP LISTENER\",\"127.0.0.1\",0,1,0,0", 0);
        try (Socket client = new Socket(Loopback.ADDRESS, free)) {
            host.expect("\r\n+QIURC: \"incoming full\",0\r\n");
        }
        restart(options().listenOffset(free - 65535));
        activate();
        expectError("AT+QIOPEN=1,1,\"UDP SERVICE\",\"127.0.0.1\",0,0,0", 552);
        host.opens("AT+QIOPEN=1,1,\"UDP SERVICE\",\"127.0.0.1\",0,65535,1", 1);
        try (DatagramSocket client = Loopback.udpPeer()) {
            Loopback.sendDatagram(client, "edge", free);
            host.expect("\r\n+QIURC: \"recv\",1,4,\"127.0.0.1\"," + client.getLocalPort() + "\r\nedge\r\n");
        }
        host.command("AT+QISTATE=1,1", "\r\n+QISTATE: 1,\"UDP SERVICE\",\"127.0.0.1\",0,65535,2,1,1,1,\"usbmodem\"\r\n"
                + OK);
    }

    @Test
    void tcpAcceptZeroClosesIncomingConnectionsSilently() throws IOException {
        int port = Loopback.freePort();
        activate();
        host.command("AT+QICFG=\"tcp/accept\",0", OK);
        host.opens("AT+QIOPEN=1,0,\"TCP LISTENER\",\"127.0.0.1\",0," + port + ",0", 0);
        try (Socket client = new Socket(Loopback.ADDRESS, port)) {
            client.setSoTimeout(HostLink.TIMEOUT_MS);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        host.command("AT+QICFG=\"tcp/accept\",1", OK);
        try (Socket client = new Socket(Loopback.ADDRESS, port)) {
            // the first URC after the refused client is this one's
            host.expect("\r\n+QIURC: \"incoming\",11,0,\"127.0.0.1\"," + client.getLocalPort() + "\r\n");
        }
    }
}
