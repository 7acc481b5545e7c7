package dev.cellbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code cellbridge info} and {@code cellbridge ping} against the embedded simulator. */
class InfoAndPingTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cellbridge.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void infoShowsModuleContextsAndSockets() {
        Run r = run("--port", "sim:", "info");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("module:   Quectel RG500U, revision ").contains("contexts: none active")
                .contains("sockets:  none").containsPattern("IMEI: +\\d{15}");
    }

    @Test
    void infoAsJson() {
        Run r = run("--port", "sim:", "info", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.getAsJsonObject("module").get("model").getAsString()).isEqualTo("RG500U");
        assertThat(o.getAsJsonArray("contexts")).isEmpty();
        assertThat(o.getAsJsonArray("sockets")).isEmpty();
    }

    @Test
    void pingActivatesTheContextAndPrintsEachReply() {
        Run r = run("--port", "sim:?dns=example.com=127.0.0.1", "ping", "--count", "2", "--apn", "internet", "example.com");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("context 1 activated (10.7.157.1)");
        assertThat(r.out()).startsWith("PING example.com: 32 bytes, context 1")
                .containsPattern("32 bytes from 127\\.0\\.0\\.1: time=\\d+ ms ttl=\\d+")
                .contains("2 sent, 2 received, 0 lost");
    }

    @Test
    void pingOptionsAreChecked() {
        Run r = run("--port", "sim:", "ping", "--count", "11", "example.com");
        assertThat(r.exit()).isEqualTo(Cellbridge.USAGE);
        assertThat(r.err()).contains("--count 11 is out of range 1–10");
        assertThat(run("--port", "sim:", "ping", "--context", "6", "x").err()).contains("--context 6 is out of range 1–5");
    }

    @Test
    void anUnresolvableHostIsAModuleError() {
        Run r = run("--port", "sim:", "ping", "--count", "1", "no.such.host");
        assertThat(r.exit()).isEqualTo(Cellbridge.MODULE_ERROR);
        assertThat(r.err()).contains("cellbridge: ping no.such.host: ping failed: 565 (dns parse failed)");
    }
}
