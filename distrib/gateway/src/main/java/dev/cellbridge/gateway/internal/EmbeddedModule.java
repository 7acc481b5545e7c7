package dev.cellbridge.gateway.internal;

import java.io.IOException;

import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;

/**
 * What {@code --port sim:} runs in the launcher, before the framework: a local echo service and a simulated module
 * (the simulator library, JDK only, on the launcher's class path) on free loopback ports, with a route from the
 * application note's server {@value #VIRTUAL_HOST}:{@value #VIRTUAL_PORT} to the echo service. The modem component
 * then connects to {@link #linkUri()} as to a ser2net port.
 */
final class EmbeddedModule implements AutoCloseable {

    /** The virtual server of the application note's examples. */
    static final String VIRTUAL_HOST = "220.180.239.212";
    static final int VIRTUAL_PORT = 8009;

    private final EchoService echo;
    private final Simulator simulator;

    private EmbeddedModule(EchoService echo, Simulator simulator) {
        this.echo = echo;
        this.simulator = simulator;
    }

    static EmbeddedModule start() throws IOException {
        EchoService echo = EchoService.start();
        try {
            Simulator simulator = Simulator.start(SimulatorOptions.builder().tcpPort(0)
                .route(VIRTUAL_HOST + ":" + VIRTUAL_PORT + "=127.0.0.1:" + echo.port()).build());
            return new EmbeddedModule(echo, simulator);
        } catch (IOException | RuntimeException e) {
            echo.close();
            throw e;
        }
    }

    /** Where the simulated module's AT port listens. */
    String linkUri() {
        return "tcp://127.0.0.1:" + simulator.port();
    }

    int echoPort() {
        return echo.port();
    }

    /** One line for the gateway's start message. */
    String describe() {
        return "embedded simulator on " + linkUri() + " routing " + VIRTUAL_HOST + ":" + VIRTUAL_PORT
            + " to the echo service on 127.0.0.1:" + echo.port();
    }

    @Override
    public void close() {
        simulator.close();
        echo.close();
    }
}
