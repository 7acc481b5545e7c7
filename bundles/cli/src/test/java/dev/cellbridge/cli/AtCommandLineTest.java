package dev.cellbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cellbridge at} end to end against the embedded simulator ({@code --port sim:}) and loopback peers. */
class AtCommandLineTest {

    private record Run(int exit, String out, String err) {
        List<JsonObject> json() {
            List<JsonObject> objects = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    objects.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
            return objects;
        }
    }

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cellbridge.run(new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    /** A loopback echo server on a free port, closed after the test. */
    private int echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(server);
        Thread t = new Thread(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                byte[] buf = new byte[2048];
                int n;
                while ((n = in.read(buf)) > 0) {
                    o.write(buf, 0, n);
                    o.flush();
                }
            } catch (IOException e) {
                // the test is over
            }
        }, "test-echo");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @Test
    void printsAnswersLikeATerminal() {
        Run r = run("--port", "sim:", "at", "AT+QIACT=1", "AT+QIACT?");
        assertThat(r.exit()).isEqualTo(Cellbridge.OK);
        assertThat(r.out()).isEqualTo("OK\n+QIACT: 1,1,1,\"10.7.157.1\"\nOK\n".replace("\n", System.lineSeparator()));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonGivesOneObjectPerAnswerWithPayloadsInBase64() throws Exception {
        int echo = echoServer();
        Run r = run("--port", "sim:?route=220.180.239.212:8009=127.0.0.1:" + echo, "at", "--json", "--data", "hex:00FF0D0A",
                "AT+QIACT=1", "AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", "AT+QISEND=0,4",
                "AT+QIRD=0,0", "AT+QIGETERROR");
        assertThat(r.exit()).as(r.err()).isEqualTo(Cellbridge.OK);
        List<JsonObject> objects = r.json();
        JsonObject open = objects.stream().filter(o -> o.has("command") && o.get("command").getAsString().startsWith("AT+QIOPEN"))
                .findFirst().orElseThrow();
        assertThat(open.get("result").getAsString()).isEqualTo("OK");
        assertThat(open.get("cmeError").isJsonNull()).isTrue();
        assertThat(open.getAsJsonArray("lines")).isEmpty();
        JsonObject send = objects.stream().filter(o -> o.has("command") && o.get("command").getAsString().equals("AT+QISEND=0,4"))
                .findFirst().orElseThrow();
        assertThat(send.get("result").getAsString()).isEqualTo("SEND OK");
        assertThat(objects).anySatisfy(o -> assertThat(o.has("urc") && o.get("urc").getAsString().equals("+QIOPEN: 0,0")).isTrue());
    }

    @Test
    void readsBinaryDataBackInBase64() throws Exception {
        int echo = echoServer();
        Run r = run("--port", "sim:?route=220.180.239.212:8009=127.0.0.1:" + echo, "at", "--json", "--listen", "0.5",
                "--data", "hex:00FF0D0A4F4B0D0A", "AT+QIACT=1", "AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,1",
                "AT+QISEND=0,8");
        assertThat(r.exit()).as(r.err()).isEqualTo(Cellbridge.OK);
        // direct push: the echo comes back as a URC carrying the bytes
        assertThat(r.json()).filteredOn(o -> o.has("urc")).anySatisfy(o -> {
            assertThat(o.get("urc").getAsString()).isEqualTo("+QIURC: \"recv\",0,8");
            assertThat(Base64.getDecoder().decode(o.get("data").getAsString()))
                    .containsExactly(0x00, 0xFF, 0x0D, 0x0A, 0x4F, 0x4B, 0x0D, 0x0A);
        });
    }

    @Test
    void aRefusedCommandGivesExitOneAndTheRestStillRun() {
        Run r = run("--port", "sim:", "at", "--json", "AT+QIOPEN=1,\"TCP\",\"220.180.239.212\",8009,0,1", "AT+QIGETERROR");
        assertThat(r.exit()).isEqualTo(Cellbridge.MODULE_ERROR);
        List<JsonObject> objects = r.json();
        assertThat(objects.get(0).get("result").getAsString()).isEqualTo("ERROR");
        assertThat(objects.get(1).getAsJsonArray("lines").get(0).getAsString()).startsWith("+QIGETERROR: 552");
    }

    @Test
    void usageErrorsGiveExitTwo() {
        Run noAt = run("--port", "sim:", "at", "QIACT=1");
        assertThat(noAt.exit()).isEqualTo(Cellbridge.USAGE);
        assertThat(noAt.err()).contains("must start with AT");
        assertThat(run("--port", "sim:", "at").exit()).isEqualTo(Cellbridge.USAGE);
        assertThat(run("--port", "sim:", "at", "--timeout", "-1", "AT").err()).contains("--timeout must be positive");
        assertThat(run("--port", "sim:", "at", "--data", "abc", "AT+QISEND=0,5").err())
                .contains("--data has 3 bytes but AT+QISEND=0,5 announces 5");
        assertThat(run("--port", "sim:?bogus=1", "at", "AT").err()).contains("unknown simulator option 'bogus'");
        assertThat(run("--port", "serial:/dev/ttyUSB0?baud=fast", "at", "AT").exit()).isEqualTo(Cellbridge.USAGE);
    }

    @Test
    void anUnreachablePortGivesExitThree() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("--port", "tcp://127.0.0.1:" + port, "at", "AT");
        assertThat(r.exit()).isEqualTo(Cellbridge.LINK_FAILURE);
        assertThat(r.err()).startsWith("cellbridge: cannot open port").contains("127.0.0.1:" + port).doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aSilentModuleTimesOutWithExitThree() throws IOException {
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        cleanup.add(silent);
        Run r = run("--port", "tcp://127.0.0.1:" + silent.getLocalPort(), "at", "--timeout", "0.2", "AT+CSQ");
        assertThat(r.exit()).isEqualTo(Cellbridge.LINK_FAILURE);
        assertThat(r.err()).contains("AT+CSQ").contains("200 ms");
    }

    @Test
    void transparentModeDataIsPrintedThenLeftWithPlusPlusPlus() throws Exception {
        ServerSocket greeter = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(greeter);
        Thread t = new Thread(() -> {
            try (Socket s = greeter.accept()) {
                s.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().read(); // hold the connection until the test ends
            } catch (IOException e) {
                // the test is over
            }
        }, "test-greeter");
        t.setDaemon(true);
        t.start();
        Run r = run("--port", "sim:?route=220.180.239.212:8009=127.0.0.1:" + greeter.getLocalPort(), "at", "--listen", "0.5",
                "AT+QIACT=1", "AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "AT+QICLOSE=0");
        assertThat(r.exit()).as(r.err()).isEqualTo(Cellbridge.OK);
        String nl = System.lineSeparator();
        assertThat(r.out()).isEqualTo("OK" + nl + "CONNECT" + nl + "hello\r\n" + "OK" + nl);
    }
}
