package dev.cellbridge.simulator;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter range of chapter 2 at min, max, min-1 and max+1, in the order listed (rows leave the settings at
 * their defaults). Out-of-range values answer ERROR and QIGETERROR 552; in-range values answer as the spec says. The
 * listen offset makes local port 65535 a free real port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeBoundaryTest {
    private static final String OK = "\r\nOK\r\n";
    private TcpPeer peer;
    private Simulator sim;
    private HostLink host;
    private Socket remote;

    /**
     * One exchange: the command, then its exact answer, or ERROR with this QIGETERROR code, or (prompt) the {@code >}
     * prompt, one payload byte and SEND OK.
     */
    record Row(String command, String answer, int error, boolean prompt) {
        @Override
        public String toString() {
            return command.length() > 80 ? command.substring(0, 77) + "..." : command;
        }
    }

    @BeforeAll
    void start() throws IOException {
        peer = new TcpPeer();
        sim = Simulator.start(SimulatorOptions.builder().route("220.180.239.212:8009=127.0.0.1:" + peer.port())
                .listenOffset(Loopback.freePort() - 65535).pingRttMs(1).build());
        host = HostLink.quiet(sim.port());
        host.command("AT+QIACT=1", OK);
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", OK);
        remote = peer.accept();
        host.expect("\r\n+QIOPEN: 0,0\r\n");
    }

    @AfterAll
    void stop() throws IOException {
        host.close();
        sim.close();
        peer.close();
        SimulatorThreads.assertNoneAlive();
    }

    static List<Row> rows() {
        List<Row> r = new ArrayList<>();
        qicfg(r, "transpktsize", 1, 1460);
        qicfg(r, "transwaittm", 0, 20);
        ok(r, "AT+QICFG=\"dataformat\",1,1");
        ok(r, "AT+QICFG=\"dataformat\",0,0");
        bad(r, "AT+QICFG=\"dataformat\",-1,0");
        bad(r, "AT+QICFG=\"dataformat\",2,0");
        bad(r, "AT+QICFG=\"dataformat\",0,-1");
        bad(r, "AT+QICFG=\"dataformat\",0,2");
        qicfg(r, "viewmode", 0, 1);
        bad(r, "AT+QICFG=\"tcp/retranscfg\",2,600");
        ok(r, "AT+QICFG=\"tcp/retranscfg\",20,600");
        ok(r, "AT+QICFG=\"tcp/retranscfg\",3,600");
        bad(r, "AT+QICFG=\"tcp/retranscfg\",21,600");
        bad(r, "AT+QICFG=\"tcp/retranscfg\",8,4");
        ok(r, "AT+QICFG=\"tcp/retranscfg\",8,1000");
        ok(r, "AT+QICFG=\"tcp/retranscfg\",8,5");
        bad(r, "AT+QICFG=\"tcp/retranscfg\",8,1001");
        qicfg(r, "dns/cache", 0, 1);
        qicfg(r, "qisend/timeout", 0, 3600);
        qicfg(r, "passiveclosed", 0, 1);
        qicfg(r, "tcp/accept", 0, 1);
        ok(r, "AT+QICFG=\"tcp/accept\",1");
        bad(r, "AT+QICFG=\"tcp/keepalive\",-1");
        bad(r, "AT+QICFG=\"tcp/keepalive\",2");
        bad(r, "AT+QICFG=\"tcp/keepalive\",1,0,25,3");
        ok(r, "AT+QICFG=\"tcp/keepalive\",1,1800,100,10");
        ok(r, "AT+QICFG=\"tcp/keepalive\",1,1,25,3");
        bad(r, "AT+QICFG=\"tcp/keepalive\",1,1801,25,3");
        bad(r, "AT+QICFG=\"tcp/keepalive\",1,60,24,3");
        bad(r, "AT+QICFG=\"tcp/keepalive\",1,60,101,3");
        bad(r, "AT+QICFG=\"tcp/keepalive\",1,60,25,2");
        bad(r, "AT+QICFG=\"tcp/keepalive\",1,60,25,11");
        ok(r, "AT+QICFG=\"tcp/keepalive\",0,60,25,3");
        qicfg(r, "recvind", 0, 1);
        qicfg(r, "close/mode", 0, 1);
        qicfg(r, "sendinfo", 0, 1);
        qicfg(r, "formatcfg", 0, 1);

        bad(r, "AT+QICSGP=0");
        bad(r, "AT+QICSGP=6");
        answer(r, "AT+QICSGP=5", "\r\n+QICSGP: 1,\"\",\"\",\"\",0\r\n" + OK);
        answer(r, "AT+QICSGP=1", "\r\n+QICSGP: 1,\"\",\"\",\"\",0\r\n" + OK);
        bad(r, "AT+QICSGP=5,0,\"apn\"");
        bad(r, "AT+QICSGP=5,4,\"apn\"");
        ok(r, "AT+QICSGP=5,3,\"apn\",\"" + "u".repeat(127) + "\",\"" + "p".repeat(127) + "\",3");
        ok(r, "AT+QICSGP=5,1,\"apn\",\"\",\"\",0");
        bad(r, "AT+QICSGP=5,1,\"apn\",\"\",\"\",-1");
        bad(r, "AT+QICSGP=5,1,\"apn\",\"\",\"\",4");
        bad(r, "AT+QICSGP=5,1,\"apn\",\"" + "u".repeat(128) + "\",\"\",0");
        bad(r, "AT+QICSGP=5,1,\"apn\",\"\",\"" + "p".repeat(128) + "\",0");
        // the note gives no APN limit; 3GPP's 100 encoded octets are 99 characters (the driver's limit too)
        ok(r, "AT+QICSGP=5,1,\"" + "a".repeat(99) + "\"");
        bad(r, "AT+QICSGP=5,1,\"" + "a".repeat(100) + "\"");

        for (String c : new String[] {"AT+QIACT", "AT+QIDEACT", "AT+QIDEACTEX", "AT+QIDNSCFG"}) {
            bad(r, c + "=0");
            bad(r, c + "=6");
        }
        ok(r, "AT+QIACT=5");
        ok(r, "AT+QIDEACT=5");
        answer(r, "AT+QIACTEX=5,0", OK + "\r\n+QIACTEX: 5,0\r\n");
        answer(r, "AT+QIDEACTEX=5", OK + "\r\n+QIDEACTEX: 5,0\r\n");
        answer(r, "AT+QIDNSCFG=5", "\r\n+QIDNSCFG: 5,\"114.114.114.114\",\"114.114.115.115\"\r\n" + OK);
        answer(r, "AT+QIDNSCFG=1", "\r\n+QIDNSCFG: 1,\"114.114.114.114\",\"114.114.115.115\"\r\n" + OK);
        bad(r, "AT+QIACTEX=0,0");
        bad(r, "AT+QIACTEX=6,0");
        bad(r, "AT+QIACTEX=5,-1");
        bad(r, "AT+QIACTEX=5,2");

        String open = "AT+QIOPEN=";
        String tcp = ",\"TCP\",\"220.180.239.212\",8009";
        bad(r, open + "0,11" + tcp);
        bad(r, open + "6,11" + tcp);
        bad(r, open + "1,-1" + tcp);
        bad(r, open + "1,12" + tcp);
        bad(r, open + "1,11,\"TCP\",\"220.180.239.212\",0");
        bad(r, open + "1,11,\"TCP\",\"220.180.239.212\",65536");
        bad(r, open + "1,11" + tcp + ",-1");
        bad(r, open + "1,11" + tcp + ",65536");
        bad(r, open + "1,11" + tcp + ",0,-1");
        bad(r, open + "1,11" + tcp + ",0,3");
        bad(r, open + "1,11" + tcp + ",0,0,-1");
        bad(r, open + "1,11" + tcp + ",0,0,12");
        bad(r, open + "1,11" + tcp + ",0,0,11,9");
        bad(r, open + "1,11" + tcp + ",0,0,11,151");
        bad(r, open + "1,11,\"SCTP\",\"220.180.239.212\",8009");
        answer(r, open + "5,10" + tcp, OK + "\r\n+QIOPEN: 10,561\r\n");
        ok(r, "AT+QICLOSE=10");
        answer(r, open + "1,10,\"UDP\",\"127.0.0.1\",1", OK + "\r\n+QIOPEN: 10,0\r\n");
        ok(r, "AT+QICLOSE=10");
        String name256 = "a".repeat(252) + ".com";
        answer(r, open + "1,10,\"TCP\",\"" + name256 + "\",80", OK + "\r\n+QIOPEN: 10,565\r\n");
        ok(r, "AT+QICLOSE=10");
        bad(r, open + "1,10,\"TCP\",\"a" + name256 + "\",80");
        answer(r, open + "1,11" + tcp + ",65535,0,11,150", OK + "\r\n+QIOPEN: 11,0\r\n");
        bad(r, "AT+QICLOSE=11,-1");
        bad(r, "AT+QICLOSE=11,65536");
        ok(r, "AT+QICLOSE=11,65535");
        answer(r, open + "1,11,\"UDP\",\"127.0.0.1\",65535,0,0,0,10", OK + "\r\n+QIOPEN: 11,0\r\n");
        ok(r, "AT+QICLOSE=11,0");
        bad(r, "AT+QICLOSE=-1");
        bad(r, "AT+QICLOSE=12");
        answer(r, open + "1,11,\"UDP SERVICE\",\"127.0.0.1\",0,65535,0", OK + "\r\n+QIOPEN: 11,0\r\n");
        bad(r, "AT+QISEND=11,1,\"127.0.0.1\",0");
        bad(r, "AT+QISEND=11,1,\"127.0.0.1\",65536");
        prompt(r, "AT+QISEND=11,1,\"127.0.0.1\",1");
        prompt(r, "AT+QISEND=11,1,\"127.0.0.1\",65535");
        answer(r, "AT+QISEND=11,0", "\r\n+QISEND: 2,2,0\r\n" + OK);
        answer(r, "AT+QIRD=11,0", "\r\n+QIRD: 0,0,0\r\n" + OK);
        ok(r, "AT+QISWTMD=11,1");
        ok(r, "AT+QISWTMD=11,0");
        ok(r, "AT+QICLOSE=11");

        bad(r, "AT+QISTATE=-1,1");
        bad(r, "AT+QISTATE=2,1");
        bad(r, "AT+QISTATE=0,0");
        bad(r, "AT+QISTATE=0,6");
        bad(r, "AT+QISTATE=1,-1");
        bad(r, "AT+QISTATE=1,12");
        ok(r, "AT+QISTATE=0,5");
        ok(r, "AT+QISTATE=1,11");

        bad(r, "AT+QISEND=-1");
        bad(r, "AT+QISEND=12");
        bad(r, "AT+QISEND=0,-1");
        bad(r, "AT+QISEND=0,1461");
        prompt(r, "AT+QISEND=0,1");
        bad(r, "AT+QIRD=-1,1");
        bad(r, "AT+QIRD=12,1");
        bad(r, "AT+QIRD=0,-1");
        bad(r, "AT+QIRD=0,1501");
        answer(r, "AT+QIRD=0,1", "\r\n+QIRD: 0\r\n" + OK);
        answer(r, "AT+QIRD=0,1500", "\r\n+QIRD: 0\r\n" + OK);
        bad(r, "AT+QISWTMD=-1,0");
        bad(r, "AT+QISWTMD=12,0");
        bad(r, "AT+QISWTMD=0,-1");
        bad(r, "AT+QISWTMD=0,3");
        ok(r, "AT+QISWTMD=0,1");
        ok(r, "AT+QISWTMD=0,0");

        String ping = "AT+QPING=";
        bad(r, ping + "0,\"127.0.0.1\"");
        bad(r, ping + "6,\"127.0.0.1\"");
        bad(r, ping + "1,\"127.0.0.1\",0");
        bad(r, ping + "1,\"127.0.0.1\",256");
        bad(r, ping + "1,\"127.0.0.1\",4,0");
        bad(r, ping + "1,\"127.0.0.1\",4,11");
        bad(r, ping + "1,\"127.0.0.1\",4,4,31");
        bad(r, ping + "1,\"127.0.0.1\",4,4,1501");
        fails(r, ping + "5,\"127.0.0.1\"", 561);

        bad(r, "AT+QISDE=-1");
        bad(r, "AT+QISDE=2");
        ok(r, "AT+QISDE=0");
        ok(r, "AT+QISDE=1");

        // context 1 last: its socket closes
        answer(r, "AT+QIDEACTEX=1", OK + "\r\n+QIDEACTEX: 1,0\r\n");
        answer(r, "AT+QIACTEX=1,1", OK + "\r\n+QIACTEX: 1,0,1,\"10.7.157.1\"\r\n");
        return r;
    }

    private static void qicfg(List<Row> r, String name, int min, int max) {
        bad(r, "AT+QICFG=\"" + name + "\"," + (min - 1));
        ok(r, "AT+QICFG=\"" + name + "\"," + max);
        ok(r, "AT+QICFG=\"" + name + "\"," + min);
        bad(r, "AT+QICFG=\"" + name + "\"," + (max + 1));
    }

    private static void ok(List<Row> r, String command) {
        answer(r, command, OK);
    }

    private static void answer(List<Row> r, String command, String answer) {
        r.add(new Row(command, answer, 0, false));
    }

    private static void bad(List<Row> r, String command) {
        fails(r, command, 552);
    }

    private static void fails(List<Row> r, String command, int error) {
        r.add(new Row(command, null, error, false));
    }

    private static void prompt(List<Row> r, String command) {
        r.add(new Row(command, null, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void boundary(Row row) throws IOException {
        if (row.error() != 0) {
            host.commandFails(row.command(), row.error());
        } else if (row.prompt()) {
            host.command(row.command(), "\r\n>");
            host.send("x");
            host.expect("x\r\nSEND OK\r\n");
        } else {
            host.command(row.command(), row.answer());
        }
    }

    @Test
    void pingAtItsLimits() throws IOException {
        host.command("AT+QPING=1,\"127.0.0.1\",255,10,1500", OK);
        for (int i = 0; i < 10; i++) {
            host.expect("\r\n+QPING: 0,\"127.0.0.1\",1500,1,255\r\n");
        }
        host.expect("\r\n+QPING: 0,10,10,0,1,1,1\r\n");
        host.command("AT+QPING=1,\"127.0.0.1\",1,1,32", OK + "\r\n+QPING: 0,\"127.0.0.1\",32,1,255\r\n"
                + "\r\n+QPING: 0,1,1,0,1,1,1\r\n");
    }

    static List<Row> generalRows() {
        List<Row> r = new ArrayList<>();
        bad(r, "ATE2");
        answer(r, "ATE1", OK);
        answer(r, "ATE0", "ATE0\r" + OK);
        bad(r, "AT&D3");
        ok(r, "AT&D2");
        ok(r, "AT&D0");
        bad(r, "AT+CMEE=-1");
        bad(r, "AT+CMEE=3");
        ok(r, "AT+CMEE=2");
        ok(r, "AT+CMEE=0");
        for (String reg : new String[] {"AT+CREG", "AT+CGREG", "AT+CEREG", "AT+C5GREG"}) {
            bad(r, reg + "=-1");
            bad(r, reg + "=3");
            ok(r, reg + "=2");
            ok(r, reg + "=0");
        }
        bad(r, "AT+QCFG=\"nat\",-1");
        bad(r, "AT+QCFG=\"nat\",3");
        ok(r, "AT+QCFG=\"nat\",2");
        ok(r, "AT+QCFG=\"nat\",0");
        bad(r, "AT+CFUN=-1");
        bad(r, "AT+CFUN=5");
        ok(r, "AT+CFUN=4");
        ok(r, "AT+CFUN=0");
        bad(r, "AT+CFUN=1,-1");
        bad(r, "AT+CFUN=1,2");
        ok(r, "AT+CFUN=1,0");
        return r;
    }

    /** The general commands answer plain ERROR (QIGETERROR keeps the last TCP/IP error). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("generalRows")
    void generalCommandBoundary(Row row) throws IOException {
        host.command(row.command(), row.error() != 0 ? "\r\nERROR\r\n" : row.answer());
    }
}
