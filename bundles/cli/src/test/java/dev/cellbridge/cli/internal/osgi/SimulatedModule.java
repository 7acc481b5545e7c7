package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-process simulator with the seed's server 220.180.239.212:8009 routed to a loopback echo server and
 * example.com resolving to 127.0.0.1, and a Modem on it, with the service properties the modem component publishes.
 */
final class SimulatedModule implements AutoCloseable {

    static final String REMOTE = "220.180.239.212";
    static final int REMOTE_PORT = 8009;

    final EchoServer echo;
    final Simulator simulator;
    final AtChannel channel;
    final Modem modem;

    SimulatedModule() throws IOException {
        echo = new EchoServer();
        simulator = Simulator.start(SimulatorOptions.builder().tcpPort(0)
            .route(REMOTE + ":" + REMOTE_PORT + "=127.0.0.1:" + echo.port()).dns("example.com", "127.0.0.1").build());
        channel = AtChannel.open(SerialLinks.open(linkUri()), AtChannelOptions.defaults().withName("test"));
        modem = Modem.open(channel, ModemOptions.defaults().withName("test"));
    }

    String linkUri() {
        return "tcp://127.0.0.1:" + simulator.port();
    }

    void activateContext() throws Exception {
        modem.initialize(Modem.RECOMMENDED_INIT);
        modem.configureContext(PdpContextConfig.ipv4(1, "UNINET"));
        modem.activate(1);
    }

    /** Service properties of a Modem service with this name and service.id. */
    Map<String, Object> properties(String name, long serviceId, String state) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("modem.name", name);
        properties.put("link.uri", linkUri());
        properties.put("modem.state", state);
        properties.put("service.id", serviceId);
        return properties;
    }

    @Override
    public void close() throws IOException {
        modem.close();
        channel.close();
        simulator.close();
        echo.close();
    }
}
