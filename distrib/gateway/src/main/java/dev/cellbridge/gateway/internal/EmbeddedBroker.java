package dev.cellbridge.gateway.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.InterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;

/**
 * What a missing {@code --mqtt} runs in the launcher (never in the framework): a Moquette MQTT broker on 127.0.0.1 and
 * a free port, in memory (no persistence, no telemetry, anonymous clients), that the relay's default configuration
 * points at. Every message a client publishes is handed to a listener (topic and payload), which the gateway prints.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** How many tries to find a free port (another process may take the one picked before Moquette binds it). */
    private static final int BIND_ATTEMPTS = 5;

    private final Server server;
    private final int port;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the broker on 127.0.0.1 and a free port; {@code published} gets each client's publication (on the
     * broker's interceptor thread, so it must be quick).
     */
    static EmbeddedBroker start(BiConsumer<String, byte[]> published) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            Server server = new Server();
            try {
                server.startServer(config(port), List.of(interceptor(published)));
                return new EmbeddedBroker(server, port);
            } catch (IOException | RuntimeException e) {
                server.stopServer();
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
        throw new IOException("cannot start the embedded MQTT broker on 127.0.0.1: " + last.getMessage(), last);
    }

    /** The broker's configuration: loopback, in memory, anonymous, no telemetry, no websocket. */
    static IConfig config(int port) {
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        // Moquette 0.17 reports usage to its authors unless told not to: a gateway phones nobody
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        // no websocket listener (its default would be none, but say it)
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        return new MemoryConfig(properties);
    }

    private static InterceptHandler interceptor(BiConsumer<String, byte[]> published) {
        return new AbstractInterceptHandler() {
            @Override
            public String getID() {
                return "cellbridge-gateway";
            }

            @Override
            public void onPublish(InterceptPublishMessage message) {
                // Moquette hands each interceptor a retained duplicate of the payload: it must be released here
                try {
                    byte[] payload = new byte[message.getPayload().readableBytes()];
                    message.getPayload().getBytes(message.getPayload().readerIndex(), payload);
                    published.accept(message.getTopicName(), payload);
                } finally {
                    message.getPayload().release();
                }
            }

            @Override
            public void onSessionLoopError(Throwable error) {
                // a client's session failed: the broker closes that client; nothing for the gateway to do
            }
        };
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** The URL clients connect to. */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** One line for the gateway's start messages. */
    String describe() {
        return "embedded MQTT broker on " + url();
    }

    /** Stops the broker and closes its port and every client connection. */
    @Override
    public void close() {
        server.stopServer();
    }
}
