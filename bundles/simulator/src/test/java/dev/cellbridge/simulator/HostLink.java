package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The test's side of the simulated serial line: a real loopback TCP connection to the simulator that sends command
 * bytes and asserts the exact response bytes. Every read is bounded by a timeout; a timeout fails the test.
 */
final class HostLink implements AutoCloseable {
    static final int TIMEOUT_MS = 10_000;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HostLink(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Connects and turns command echo off (the module's default is ATE1). */
    static HostLink quiet(int port) throws IOException {
        HostLink link = new HostLink(port);
        link.send("ATE0\r");
        link.expect("ATE0\r\r\nOK\r\n");
        return link;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads exactly as many bytes as expected and compares them. */
    void expect(String expected) throws IOException {
        String actual = new String(readExactly(expected.length()), StandardCharsets.ISO_8859_1);
        assertThat(visible(actual)).isEqualTo(visible(expected));
    }

    /** Sends a command line and expects exactly this answer. */
    void command(String line, String expectedAnswer) throws IOException {
        send(line + "\r");
        expect(expectedAnswer);
    }

    /** An asynchronous open that succeeds: {@code OK}, then {@code +QIOPEN: <id>,0}. */
    void opens(String line, int id) throws IOException {
        command(line, "\r\nOK\r\n");
        expect("\r\n+QIOPEN: " + id + ",0\r\n");
    }

    /** Sends a command line, expects exactly {@code ERROR}, and QIGETERROR then to report the code of Table 2. */
    void commandFails(String line, int code) throws IOException {
        command(line, "\r\nERROR\r\n");
        lastErrorIs(code);
    }

    /** Expects QIGETERROR to report this code of Table 2. */
    void lastErrorIs(int code) throws IOException {
        command("AT+QIGETERROR", "\r\n" + TableTwo.qigeterror(code) + "\r\n\r\nOK\r\n");
    }

    byte[] readExactly(int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r;
            try {
                r = in.read(buf, got, n - got);
            } catch (SocketTimeoutException e) {
                fail("timed out after " + TIMEOUT_MS + " ms; got so far: "
                        + visible(new String(buf, 0, got, StandardCharsets.ISO_8859_1)));
                return buf;
            }
            if (r < 0) {
                fail("connection closed; got so far: " + visible(new String(buf, 0, got, StandardCharsets.ISO_8859_1)));
            }
            got += r;
        }
        return buf;
    }

    /** Reads until the text ends with the terminator (bounded to 1 MB). */
    String readUntil(String terminator) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (b.size() < 1 << 20) {
            b.write(readExactly(1)[0]);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith(terminator)) {
                return s;
            }
        }
        fail("no " + visible(terminator) + " within 1 MB");
        return null;
    }

    /** Whether the simulator closed the connection (reads end of stream within the timeout). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static String visible(String s) {
        return s.replace("\r", "<CR>").replace("\n", "<LF>\n").replace("\u001a", "<SUB>").replace("\u001b", "<ESC>");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
