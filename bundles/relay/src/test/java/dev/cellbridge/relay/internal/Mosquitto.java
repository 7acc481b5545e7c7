package dev.cellbridge.relay.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker on a free loopback port with a generated config (persistence on, so that a restart keeps
 * sessions and queued QoS 1/2 messages, as a production broker would). Stopped with SIGTERM, which makes Mosquitto
 * save its database.
 */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private final String scheme;
    private Process process;

    Mosquitto(Path dir) throws IOException {
        this(dir, "tcp", java.util.List.of());
    }

    /** A broker whose one listener speaks TLS with the given PEM certificate chain and key. */
    static Mosquitto tls(Path dir, Path certificate, Path key) throws IOException {
        return new Mosquitto(dir, "ssl", java.util.List.of("certfile " + certificate, "keyfile " + key));
    }

    private Mosquitto(Path dir, String scheme, java.util.List<String> listenerOptions) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.scheme = scheme;
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                String.join("\n", listenerOptions),
                // as root Mosquitto would switch to user mosquitto, who cannot write the test's directory
                "user " + System.getProperty("user.name"),
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.resolve("db") + "/",
                "autosave_interval 0",
                "max_queued_messages 100000",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "") );
        start();
    }

    String url() {
        return scheme + "://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        process = new ProcessBuilder(BINARY, "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited with " + process.exitValue() + ": "
                            + Files.readString(dir.resolve("stdout.log")));
                }
                sleep(20);
            }
        }
        stop();
        throw new IOException("mosquitto did not listen on port " + port + " within 10 s");
    }

    /** SIGTERM (Mosquitto saves its database), then waits for the process. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
