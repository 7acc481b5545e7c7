package dev.cellbridge.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A real connection to the simulator's control port: writes lines, reads the answers (reads are bounded). */
final class ControlClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;

    ControlClient(int port) throws IOException {
        socket = new Socket(Loopback.ADDRESS, port);
        socket.setSoTimeout(HostLink.TIMEOUT_MS);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** One line and its answer. */
    String send(String line) throws IOException {
        return send((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes (ending with a newline) and the answer line. */
    String send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
