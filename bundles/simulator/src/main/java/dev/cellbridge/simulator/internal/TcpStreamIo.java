package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/** A connected TCP socket (client or incoming): a receive thread and a send-queue writer thread. */
final class TcpStreamIo implements NetIo {
    final Socket socket;
    final SendQueue queue = new SendQueue();
    private final Modem modem;
    private final Connection connection;
    private final Thread rx;
    private final Thread tx;
    private volatile boolean closedLocally;

    TcpStreamIo(Modem modem, Connection connection, Socket socket) {
        this.modem = modem;
        this.connection = connection;
        this.socket = socket;
        this.rx = Io.daemon("sock-" + connection.id + "-rx", this::receiveLoop);
        this.tx = Io.daemon("sock-" + connection.id + "-tx", this::sendLoop);
    }

    @Override
    public void start() {
        rx.start();
        tx.start();
    }

    private void receiveLoop() {
        byte[] buf = new byte[1500];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                modem.onData(connection, Arrays.copyOf(buf, n), null);
                modem.awaitReceiveSpace(connection);
            }
        } catch (IOException e) {
            // reset or closed: reported as a close below unless we closed it ourselves
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!closedLocally) {
            modem.onPeerClosed(connection);
        }
    }

    private void sendLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == null) {
                    break;
                }
                out.write(chunk);
                out.flush();
                queue.done(chunk);
            }
        } catch (IOException e) {
            queue.discard();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closedLocally) {
            Io.closeQuietly(socket);
        }
    }

    /** Graceful: queued data is written, then the socket closes. */
    @Override
    public void close() {
        closedLocally = true;
        queue.close();
        if (!tx.isAlive()) {
            Io.closeQuietly(socket);
        }
    }

    /** Abortive, for the remote-close fault and shutdown: drop queued data, close now. */
    void abort() {
        closedLocally = true;
        queue.discard();
        Io.closeQuietly(socket);
    }

    @Override
    public void join(long millis) throws InterruptedException {
        rx.join(millis);
        tx.join(millis);
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }
}
