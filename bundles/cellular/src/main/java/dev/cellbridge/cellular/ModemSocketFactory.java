package dev.cellbridge.cellular;

import dev.cellbridge.cellular.internal.ModemTcpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * Sockets that ride the module's TCP stack, for clients that take a {@link SocketFactory} (Paho's
 * {@code MqttConnectOptions.setSocketFactory}, {@code SSLSocketFactory.createSocket(Socket, ...)} for TLS,
 * HTTP clients). Host names given as strings are resolved by the module's DNS, not the gateway's.
 */
public final class ModemSocketFactory extends SocketFactory {

    private final Modem modem;
    private final int contextId;
    private final AccessMode accessMode;

    /**
     * @param contextId  the (active) PDP context the sockets use, 1–5
     * @param accessMode buffer or direct push; transparent mode would take the whole AT port for one socket
     */
    public ModemSocketFactory(Modem modem, int contextId, AccessMode accessMode) {
        this.modem = Objects.requireNonNull(modem, "modem");
        if (contextId < 1 || contextId > 5) {
            throw new IllegalArgumentException("contextID " + contextId + " is out of range 1–5");
        }
        this.contextId = contextId;
        this.accessMode = Objects.requireNonNull(accessMode, "accessMode");
    }

    /** Direct-push sockets on the context: the fastest mode that still lets other sockets work. */
    public ModemSocketFactory(Modem modem, int contextId) {
        this(modem, contextId, AccessMode.DIRECT_PUSH);
    }

    @Override
    public Socket createSocket() throws IOException {
        return new ModemTcpSocket(modem, contextId, accessMode);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(InetSocketAddress.createUnresolved(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }
}
