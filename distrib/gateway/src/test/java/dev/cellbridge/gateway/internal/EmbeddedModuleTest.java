package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The module `--port sim:` runs in the launcher: a simulator and an echo service on loopback, stopped together. */
class EmbeddedModuleTest {

    @Test
    void answersAtCommandsEchoesAndStopsBoth() throws Exception {
        EmbeddedModule module = EmbeddedModule.start();
        URI link = URI.create(module.linkUri());
        int echoPort = module.echoPort();
        try {
            assertThat(link.getHost()).isEqualTo("127.0.0.1");
            assertThat(module.describe()).isEqualTo("embedded simulator on " + module.linkUri()
                + " routing 220.180.239.212:8009 to the echo service on 127.0.0.1:" + echoPort);
            try (Socket at = new Socket("127.0.0.1", link.getPort())) {
                at.setSoTimeout(10_000);
                at.getOutputStream().write("AT\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(at.getInputStream(), StandardCharsets.US_ASCII));
                String line = in.readLine();
                while (line.isEmpty() || line.equals("AT")) {
                    line = in.readLine();
                }
                assertThat(line).isEqualTo("OK");
            }
            try (Socket echo = new Socket("127.0.0.1", echoPort)) {
                echo.setSoTimeout(10_000);
                OutputStream out = echo.getOutputStream();
                out.write(new byte[] {0, 1, (byte) 0xFF, '\n'});
                assertThat(echo.getInputStream().readNBytes(4)).containsExactly(0, 1, 0xFF, '\n');
            }
        } finally {
            module.close();
        }
        assertRefused(link.getPort());
        assertRefused(echoPort);
        // connection threads end when their socket closes, just after
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().startsWith("cellbridge-gateway-echo")));
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getInputStream();
            }
        }).isInstanceOfAny(ConnectException.class, IOException.class);
    }
}
