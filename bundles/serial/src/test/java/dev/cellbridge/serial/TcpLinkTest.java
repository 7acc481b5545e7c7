package dev.cellbridge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.serial.SerialLinkException.Reason;
import dev.cellbridge.serial.testing.Transfers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tcp:// links against a loopback server socket. */
class TcpLinkTest {

    private ServerSocket server;
    private SerialLink link;
    private Socket peer;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (link != null) {
            link.close();
        }
        if (peer != null) {
            peer.close();
        }
        server.close();
    }

    private String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void connect() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        link = SerialLinks.open(uri());
        peer = accepted.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 256, 65_537, 1 << 20})
    void bytesCrossBothWaysByteForByte(int size) throws Exception {
        connect();
        try (SerialLink peerLink = new SocketLink(peer)) {
            Transfers.both(link, peerLink, Transfers.data(size, size), Transfers.data(size, -size));
        }
    }

    @Test
    void linkReportsItsUriAndHasNoModemLines() throws Exception {
        connect();
        assertThat(link.uri()).isEqualTo(uri());
        assertThat(link.isOpen()).isTrue();
        assertThat(link.hasDtr()).isFalse();
        assertThat(link.dcd()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> link.setDtr(true)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage(uri() + ": a TCP link has no DTR line");
        assertThat(peer.getInetAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void peerCloseIsEndOfStream() throws Exception {
        connect();
        peer.getOutputStream().write(new byte[] {'O', 'K'});
        peer.close();
        byte[] buffer = new byte[10];
        assertThat(Transfers.readExactly(link.input(), 2)).containsExactly('O', 'K');
        assertThat(link.input().read(buffer)).isEqualTo(-1);
        assertThat(link.input().read()).isEqualTo(-1);
        assertThat(link.isOpen()).isFalse();
        assertThatThrownBy(() -> link.output().write(1)).isInstanceOf(SerialLinkException.class)
                .hasMessage("tcp://127.0.0.1:" + server.getLocalPort() + ": the peer closed the connection");
    }

    @Test
    void closeWakesABlockedReaderWithEndOfStream() throws Exception {
        connect();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return link.input().read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
        link.close();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(link.isOpen()).isFalse();
        assertThat(peer.getInputStream().read()).as("the peer sees the close").isEqualTo(-1);
    }

    @Test
    void connectionRefused() throws Exception {
        int port = server.getLocalPort();
        server.close();
        SerialLinkException e = catchThrowableOfType(SerialLinkException.class, () -> SerialLinks.open("tcp://127.0.0.1:" + port));
        assertThat(e).hasMessage("tcp://127.0.0.1:" + port + ": connection refused (nothing listens on port " + port + ")");
        assertThat(e.reason()).isEqualTo(Reason.CONNECTION_REFUSED);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); // for cleanUp
    }

    @Test
    void openedFromAParsedUriReportsTheCanonicalUri() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        link = SerialLinks.open(new LinkUri.Tcp("127.0.0.1", server.getLocalPort(), 3000));
        peer = accepted.get(10, TimeUnit.SECONDS);
        assertThat(link.uri()).isEqualTo("tcp://127.0.0.1:" + server.getLocalPort() + "?connecttimeout=3000");
    }

    /** The peer's side of the connection as a SerialLink, so the transfer helper can drive both ends. */
    private record SocketLink(Socket socket) implements SerialLink {
        @Override
        public String uri() {
            return "peer";
        }

        @Override
        public InputStream input() {
            try {
                return socket.getInputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public OutputStream output() {
            try {
                return socket.getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean hasDtr() {
            return false;
        }

        @Override
        public void setDtr(boolean asserted) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Boolean> dcd() {
            return Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
