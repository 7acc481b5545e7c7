package dev.cellbridge.cellular;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A module played by the test over a loopback TCP port (what the simulator cannot do: lose a URC, answer late):
 * every command line it receives is recorded and answered with what {@link #answers} gives for it (the bytes
 * after the command, e.g. {@code "\r\nOK\r\n"}); {@link #send} writes unsolicited output. One connection.
 */
final class LoopbackModule implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile Function<String, String> answers = line -> "\r\nOK\r\n";
    private volatile Socket socket;
    private volatile OutputStream out;

    LoopbackModule() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "loopback-module");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** How command lines are answered from now on. */
    void answers(Function<String, String> value) {
        answers = value;
    }

    /**
     * The next command line the module received and answered (the answer written), failing the test if none
     * comes within 5 s.
     */
    String nextCommand() throws InterruptedException {
        String line = received.poll(5, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the module received no command within 5 s");
        }
        return line;
    }

    /** Writes unsolicited bytes (a URC) to the host. */
    synchronized void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void serve() {
        try (Socket s = server.accept()) {
            socket = s;
            InputStream in = s.getInputStream();
            synchronized (this) {
                out = s.getOutputStream();
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != '\r') {
                    line.write(b);
                    continue;
                }
                String command = line.toString(StandardCharsets.ISO_8859_1).strip();
                line.reset();
                if (!command.isEmpty()) {
                    send(answers.apply(command)); // before the test hears of it: the answer is on its way first
                    received.add(command);
                }
            }
        } catch (IOException e) {
            // the test closed the module or the host hung up: nothing more to serve
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
