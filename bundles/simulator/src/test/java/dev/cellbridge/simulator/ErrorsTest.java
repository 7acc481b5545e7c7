package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands that fail for a reason other than a parameter range: wrong parameter counts, wrong service types, unknown
 * or busy connectIDs, inactive or already active contexts, sockets not (yet or any more) connected. Each answers ERROR
 * and sets QIGETERROR to the code of chapter 4; after AT+CMEE=1 the same command answers {@code +CME ERROR: <err>}.
 */
class ErrorsTest extends SimulatorTestBase {

    static List<Arguments> failures() {
        return List.of(
                Arguments.of("AT+QIACT=1", 561),
                Arguments.of("AT+QICSGP=1,1", 552),
                Arguments.of("AT+QICSGP=1,1,\"apn\",\"user\"", 552),
                Arguments.of("AT+QIDEACT=1,2", 552),
                Arguments.of("AT+QIACTEX=2,0,0", 552),
                Arguments.of("AT+QIOPEN=1,5,\"TCP\",\"\",80", 552),
                Arguments.of("AT+QIOPEN=1,5,\"TCP\",\"127.0.0.1\"", 552),
                Arguments.of("AT+QIOPEN=1,5,\"TCP\",\"127.0.0.1\",80,0,0,11,10,1", 552),
                Arguments.of("AT+QIOPEN=1,5,\"TCP INCOMING\",\"127.0.0.1\",80", 552),
                Arguments.of("AT+QIOPEN=1,1,\"TCP\",\"127.0.0.1\",80", 563),
                Arguments.of("AT+QIOPEN=1,5,\"UDP SERVICE\",\"127.0.0.1\",0,3030,2", 555),
                Arguments.of("AT+QICLOSE=1,5,6", 552),
                Arguments.of("AT+QISTATE=1", 552),
                Arguments.of("AT+QISEND=1", 555),
                Arguments.of("AT+QISEND=1,0", 555),
                Arguments.of("AT+QISEND=2,5", 552),
                Arguments.of("AT+QISEND=2,5,\"localhost\",80", 552),
                Arguments.of("AT+QISEND=2,0,\"127.0.0.1\",80", 552),
                Arguments.of("AT+QISEND=0,5,\"127.0.0.1\",80", 552),
                Arguments.of("AT+QISEND=0,1,2", 552),
                Arguments.of("AT+QISEND=5,1", 552),
                Arguments.of("AT+QIRD=1", 555),
                Arguments.of("AT+QIRD=5", 552),
                Arguments.of("AT+QIRD=0,1,2", 552),
                Arguments.of("AT+QISWTMD=1,0", 555),
                Arguments.of("AT+QISWTMD=2,2", 555),
                Arguments.of("AT+QISWTMD=5,0", 552),
                Arguments.of("AT+QISWTMD=0", 552),
                Arguments.of("AT+QPING=1", 552),
                Arguments.of("AT+QPING=1,\"\"", 552),
                Arguments.of("AT+QPING=3,\"127.0.0.1\"", 561),
                Arguments.of("AT+QIDNSCFG=3,\"8.8.8.8\"", 561),
                Arguments.of("AT+QIDNSCFG=1,\"1.2.3\"", 552),
                Arguments.of("AT+QIDNSCFG=1,\"8.8.8.8\",\"1.1.1.1\",\"9.9.9.9\"", 552),
                Arguments.of("AT+QISDE=1,1", 552));
    }

    /** With context 1 active, TCP client 0 connected, TCP LISTENER 1 and UDP SERVICE 2 open, context 3 inactive. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void failsWithTheErrorOfChapterFour(String command, int error) throws IOException {
        activate();
        openTcp(0, 0);
        host.opens("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0," + Loopback.freePort() + ",0", 1);
        host.opens("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0," + Loopback.freePort() + ",0", 2);
        expectError(command, error);
        host.command("AT+CMEE=1", OK);
        host.command(command, "\r\n+CME ERROR: " + error + "\r\n");
        host.lastErrorIs(error);
    }

    @Test
    void ipv6ContextTakesOnlyIpv6DnsServers() throws IOException {
        host.command("AT+QICSGP=2,2,\"v6\"", OK);
        host.command("AT+QIACT=2", OK);
        host.command("AT+QIACT?", "\r\n+QIACT: 2,1,2,\"2001:db8:0:2::1\"\r\n" + OK);
        host.command("AT+QIDNSCFG=2", "\r\n+QIDNSCFG: 2,\"2001:4860:4860::8888\",\"2001:4860:4860::8844\"\r\n" + OK);
        expectError("AT+QIDNSCFG=2,\"8.8.8.8\"", 552);
        host.command("AT+QIDNSCFG=2,\"2001:db8::53\"", OK);
        host.command("AT+QIDNSCFG=2", "\r\n+QIDNSCFG: 2,\"2001:db8::53\",\"2001:4860:4860::8844\"\r\n" + OK);
    }

    @Test
    void sendOnAFailedOpenOrAClosedSocketIs567() throws IOException {
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", OK + "\r\n+QIOPEN: 0,561\r\n");
        expectError("AT+QISEND=0,1", 567);
        host.command("AT+QICLOSE=0", OK);
        activate();
        openTcp(0, 0);
        host.command("AT+QISEND=0", "\r\n>");
        host.send("bye");
        host.expect("bye");
        sim.remoteClose(0);
        host.expect("\r\n+QIURC: \"closed\",0\r\n");
        host.send("\u001a");
        host.expect(ERROR);
        host.lastErrorIs(567);
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 0,0,0\r\n" + OK);
    }

    /** A listener whose accept queue is full drops the SYN, so the module's connect stays in progress. */
    private static List<Socket> fillAcceptQueue(ServerSocket full) throws IOException {
        List<Socket> fillers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(new InetSocketAddress(Loopback.ADDRESS, full.getLocalPort()), 300);
            } catch (SocketTimeoutException queueFull) {
                return fillers;
            }
        }
        throw new IllegalStateException("the accept queue never filled");
    }

    @Test
    void socketStillOpeningIsState1AnswersBusyAndClosesAtOnce() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, Loopback.ADDRESS)) {
            List<Socket> fillers = fillAcceptQueue(full);
            activate();
            String port = String.valueOf(full.getLocalPort());
            host.command("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\"," + port + ",0,0", OK);
            host.command("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"127.0.0.1\"," + port
                    + ",0,1,1,0,0,\"usbmodem\"\r\n" + OK);
            expectError("AT+QISEND=0,1", 568);
            expectError("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\"," + port + ",0,0", 563);
            host.command("AT+QICLOSE=0", OK);
            host.command("AT+QISTATE", OK);
            // stopping the simulator with a connect in progress leaves none of its threads behind
            host.command("AT+QIOPEN=1,1,\"TCP\",\"127.0.0.1\"," + port + ",0,0", OK);
            host.command("AT+QISTATE=1,1", "\r\n+QISTATE: 1,\"TCP\",\"127.0.0.1\"," + port
                    + ",0,1,1,1,0,\"usbmodem\"\r\n" + OK);
            sim.close();
            SimulatorThreads.assertNoneAlive();
            for (Socket s : fillers) {
                s.close();
            }
        }
    }
}
