package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage never kills the simulator: random bytes in every input state (command line, QISEND payload, transparent
 * data), malformed parameters of every TCP/IP command, hosts that vanish mid-line, and noise on the control port.
 * The random inputs come from fixed seeds, so every run sends the same bytes.
 */
class GarbageInputTest extends SimulatorTestBase {
    private static final List<String> TCPIP_COMMANDS = List.of("+QICFG", "+QICSGP", "+QIACT", "+QIDEACT", "+QIACTEX",
            "+QIDEACTEX", "+QIOPEN", "+QICLOSE", "+QISTATE", "+QISEND", "+QIRD", "+QISWTMD", "+QPING", "+QIDNSCFG",
            "+QISDE", "+QIGETERROR");
    private static final List<String> MALFORMED = List.of("=", "=,,,,,,,,,,,,", "=\"", "=99999999999999999999",
            "=1.5", "=?x", "?x", "=\"\"", "=\"\u0000\u00ff\",\u0001", "=\"" + "x".repeat(2000) + "\"");

    @Override
    SimulatorOptions.Builder options() throws IOException {
        return super.options().controlPort(0);
    }

    /** Random bytes; none is '+' or in {@code excluded}, so they cannot form an escape or end a prompt. */
    private static byte[] random(long seed, int n, String excluded) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int v;
            do {
                v = r.nextInt(256);
            } while (v == '+' || excluded.indexOf(v) >= 0);
            b[i] = (byte) v;
        }
        return b;
    }

    static List<String> malformedCommands() {
        List<String> lines = new ArrayList<>();
        for (String c : TCPIP_COMMANDS) {
            for (String m : MALFORMED) {
                lines.add("AT" + c + m);
            }
        }
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCommands")
    void malformedParametersAnswerError(String line) throws IOException {
        activate();
        host.command(line, ERROR);
        host.command("AT", OK);
    }

    @Test
    void randomBytesOnTheCommandLineAreIgnored() throws IOException {
        // no 'A'/'a', so no line can start with AT; CR, LF, backspace, NUL and 8-bit bytes all occur
        for (int block = 0; block < 64; block++) {
            host.send(random(block, 257, "Aa"));
        }
        host.command("\rAT", OK);
    }

    @Test
    void randomPayloadsAreCarriedUnchanged() throws IOException {
        activate();
        Socket remote = openTcp(0, 0);
        byte[] payload = random(7, 1000, "\u001a\u001b");
        host.command("AT+QISEND=0", "\r\n>");
        host.send(payload);
        host.send("\u001a");
        assertThat(host.readExactly(payload.length)).isEqualTo(payload);
        host.expect("\r\nSEND OK\r\n");
        assertThat(TcpPeer.read(remote, payload.length).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(payload);
        host.command("AT", OK);
    }

    @Test
    void randomTransparentDataReachesThePeerUnchanged() throws IOException {
        activate();
        host.command("AT+QICFG=\"transwaittm\",0", OK);
        host.command("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\n");
        Socket remote = peer.accept();
        byte[] data = random(11, 65536, "");
        host.send(data);
        assertThat(TcpPeer.read(remote, data.length).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(data);
        escape();
        host.command("AT+QISEND=0,0", "\r\n+QISEND: 65536,65536,0\r\n" + OK);
    }

    @Test
    void hostsVanishingMidLineLeaveTheModuleWorking() throws IOException {
        activate();
        host.close();
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket(Loopback.ADDRESS, sim.port())) {
                s.getOutputStream().write(random(100 + i, 50, "Aa\r\n"));
                s.setSoLinger(true, 0); // reset, not a clean close
            }
        }
        host = new HostLink(sim.port());
        host.command("\rAT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK);
    }

    @Test
    void noiseOnTheControlPortAnswersErrAndChangesNothing() throws IOException {
        try (ControlClient control = new ControlClient(sim.controlPort())) {
            for (int i = 0; i < 50; i++) {
                byte[] line = random(200 + i, 40, "\r\n");
                line[0] = 'z'; // never blank
                byte[] withNewline = Arrays.copyOf(line, line.length + 1);
                withNewline[line.length] = '\n';
                assertThat(control.send(withNewline)).startsWith("ERR unknown command");
            }
            assertThat(control.send("delay 0")).isEqualTo("OK");
        }
        host.command("AT", OK);
    }
}
