package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reboot (AT+CFUN=1,1 or the reboot fault) closes every socket, deactivates every context, returns every setting to
 * its start-up value (nothing of the TCP/IP configuration is saved, 2.3.1) and prints the start-up URCs.
 */
class RebootTest extends SimulatorTestBase {
    /** A value other than the default for each QICFG option. */
    private static final Map<String, String> CHANGED = Map.ofEntries(Map.entry("transpktsize", "1460"),
            Map.entry("transwaittm", "20"), Map.entry("dataformat", "1,1"), Map.entry("viewmode", "1"),
            Map.entry("tcp/retranscfg", "20,1000"), Map.entry("dns/cache", "1"),
            Map.entry("qisend/timeout", "3600"), Map.entry("passiveclosed", "1"), Map.entry("tcp/accept", "0"),
            Map.entry("tcp/keepalive", "1,1800,100,10"), Map.entry("recvind", "1"), Map.entry("close/mode", "1"),
            Map.entry("sendinfo", "1"), Map.entry("formatcfg", "1"));

    @ParameterizedTest(name = "reboot by {0}")
    @ValueSource(strings = {"AT+CFUN=1,1", "fault"})
    void rebootResetsEveryStateAndSetting(String trigger) throws IOException {
        int listenerPort = Loopback.freePort();
        activate();
        host.command("AT+QICSGP=2,3,\"ims\",\"user\",\"secret\",2", OK);
        host.command("AT+QIACT=2", OK);
        host.command("AT+QIDNSCFG=1,\"8.8.8.8\",\"1.1.1.1\"", OK);
        Socket remote = openTcp(0, 0);
        host.opens("AT+QIOPEN=2,1,\"TCP LISTENER\",\"127.0.0.1\",0," + listenerPort + ",0", 1);
        host.command("AT+CMEE=2", OK);
        host.command("AT+QISDE=0", OK);
        host.command("AT+QCFG=\"nat\",1", OK);
        host.command("AT+CEREG=2", OK);
        host.command("AT+CFUN=4", OK);
        for (Map.Entry<String, String> e : CHANGED.entrySet()) {
            host.command("AT+QICFG=\"" + e.getKey() + "\"," + e.getValue(), OK);
            host.command("AT+QICFG=\"" + e.getKey() + "\"", "\r\n+QICFG: \"" + e.getKey() + "\"," + e.getValue()
                    + "\r\n" + OK);
        }
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", "\r\n+CME ERROR: 563\r\n");

        if (trigger.equals("fault")) {
            sim.reboot();
        } else {
            host.command(trigger, OK);
        }
        host.expect(FaultsTest.BOOT_URCS);
        assertThat(remote.getInputStream().read()).isEqualTo(-1);

        // echo is back on (ATE1), then everything else is at its start-up value
        host.command("ATE0", "ATE0\r" + OK);
        host.command("AT+QIGETERROR", "\r\n+QIGETERROR: 0, operation success\r\n" + OK);
        host.command("AT+CMEE?", "\r\n+CMEE: 0\r\n" + OK);
        host.command("AT+QISDE?", "\r\n+QISDE: 1\r\n" + OK);
        host.command("AT+QCFG=\"nat\"", "\r\n+QCFG: \"nat\",0\r\n" + OK);
        host.command("AT+CEREG?", "\r\n+CEREG: 0,1\r\n" + OK);
        host.command("AT+CFUN?", "\r\n+CFUN: 1\r\n" + OK);
        for (String[] d : CommandFormsTest.QICFG_DEFAULTS) {
            host.command("AT+QICFG=\"" + d[0] + "\"", "\r\n+QICFG: \"" + d[0] + "\"," + d[1] + "\r\n" + OK);
        }
        host.command("AT+QICSGP=2", "\r\n+QICSGP: 1,\"\",\"\",\"\",0\r\n" + OK);
        host.command("AT+QIDNSCFG=1", "\r\n+QIDNSCFG: 1,\"\",\"\"\r\n" + OK);
        host.command("AT+QIACT?", OK);
        host.command("AT+QISTATE", OK);

        // the real sockets are gone: the listener's port can be bound again, a new client connects
        activate();
        host.opens("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0," + listenerPort + ",0", 1);
        openTcp(0, 0);
    }

    @ParameterizedTest(name = "reboot by {0}")
    @ValueSource(strings = {"AT+CFUN=1,1", "fault"})
    void rebootReleasesUdpServicePortsEvenDuringAPrompt(String trigger) throws IOException {
        activate();
        int port = Loopback.freePort();
        host.opens("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0," + port + ",0", 2);
        if (trigger.equals("fault")) {
            host.command("AT+QISEND=2,5,\"127.0.0.1\"," + port, "\r\n>");
            host.send("ab");
            host.expect("ab");
            sim.reboot();
        } else {
            host.command(trigger, OK);
        }
        host.expect(FaultsTest.BOOT_URCS);
        // nothing bound to the port any more
        try (DatagramSocket again = new DatagramSocket(new java.net.InetSocketAddress(Loopback.ADDRESS, port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        host.command("AT", "AT\r\r\nOK\r\n");
    }
}
