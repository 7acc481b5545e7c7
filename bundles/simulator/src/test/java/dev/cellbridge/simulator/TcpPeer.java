package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A real loopback TCP server standing in for a remote host on the virtual network. */
final class TcpPeer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    TcpPeer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(HostLink.TIMEOUT_MS);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits (bounded) for the simulator's connection. */
    Socket accept() throws IOException {
        Socket s = server.accept();
        s.setSoTimeout(HostLink.TIMEOUT_MS);
        accepted.add(s);
        return s;
    }

    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    static String read(Socket s, int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        InputStream in = s.getInputStream();
        while (got < n) {
            int r;
            try {
                r = in.read(buf, got, n - got);
            } catch (SocketTimeoutException e) {
                fail("peer timed out; got " + new String(buf, 0, got, StandardCharsets.ISO_8859_1));
                return null;
            }
            if (r < 0) {
                fail("peer saw end of stream after " + got + " bytes");
            }
            got += r;
        }
        return new String(buf, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        for (Socket s : accepted) {
            s.close();
        }
        server.close();
    }
}
