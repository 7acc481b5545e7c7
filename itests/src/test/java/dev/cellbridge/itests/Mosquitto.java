package dev.cellbridge.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (installed by {@code .ci/run}) on 127.0.0.1 and a free port, in memory, anonymous clients;
 * its configuration and log in a directory of the test. Used on the JUnit side and inside the OSGi frameworks.
 */
public final class Mosquitto implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/mosquitto";

    /** Bound on waiting for the broker to listen and to stop. */
    static final long TIMEOUT_MS = 10_000;

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with its files in {@code dir}; returns once it accepts connections. */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IOException(BINARY + " is not installed (.ci/run installs the mosquitto package)");
        }
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Path log = dir.resolve("mosquitto.log");
        Files.writeString(conf, String.join("\n", "listener " + port + " 127.0.0.1",
            // as root Mosquitto would switch to user mosquitto
            "user " + System.getProperty("user.name"), "allow_anonymous true", "persistence false", ""));
        Process process = new ProcessBuilder(BINARY, "-c", conf.toString()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        Mosquitto broker = new Mosquitto(process, port);
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return broker;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        broker.close();
        throw new IOException("mosquitto did not listen on port " + port + " within " + TIMEOUT_MS + " ms");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** SIGTERM, then SIGKILL if it has not ended within the timeout. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
