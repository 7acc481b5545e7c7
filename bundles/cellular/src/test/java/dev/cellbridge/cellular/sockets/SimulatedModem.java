package dev.cellbridge.cellular.sockets;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A simulator, an AT channel to it and a modem with context 1 active; closes sockets, modem, channel and
 * simulator in that order. The {@code +++} guard times are short so that transparent tests stay quick; the
 * channel's is longer than the simulator's because the channel times it from its last write, the module from
 * the last byte it received, and bytes spend a while in the link between the two.
 */
final class SimulatedModem implements AutoCloseable {

    /** The seed's remote server, routed to a loopback echo server. */
    static final String REMOTE = "220.180.239.212";
    static final int REMOTE_PORT = 8009;
    static final Duration MODULE_GUARD = Duration.ofMillis(100);
    static final Duration CHANNEL_GUARD = Duration.ofMillis(300);

    final Simulator sim;
    final AtChannel channel;
    final Modem modem;
    final List<CellularEvent> events = new CopyOnWriteArrayList<>();
    private final List<ModemSocket> opened = new ArrayList<>();

    private SimulatedModem(Simulator sim, ModemOptions options) throws IOException {
        this.sim = sim;
        AtChannel ch = null;
        try {
            ch = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                    AtChannelOptions.defaults().withName(options.name()).withGuardTime(CHANNEL_GUARD));
            this.channel = ch;
            this.modem = Modem.open(ch, options);
            modem.subscribe(events::add);
            modem.configureContext(PdpContextConfig.ipv4(1, "UNINET"));
            modem.activate(1);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            sim.close();
            throw e;
        }
    }

    /** A simulator whose {@link #REMOTE} endpoint is a loopback echo server's port. */
    static SimulatedModem start(int echoPort) throws IOException {
        return start(echoPort, b -> b, ModemOptions.defaults().withName("sock"));
    }

    static SimulatedModem start(int echoPort, UnaryOperator<SimulatorOptions.Builder> more, ModemOptions options)
            throws IOException {
        SimulatorOptions.Builder b = SimulatorOptions.builder().tcpPort(0).guardMs(MODULE_GUARD.toMillis())
                .route(REMOTE + ":" + REMOTE_PORT + "=127.0.0.1:" + echoPort);
        Simulator sim = Simulator.start(more.apply(b).build());
        return new SimulatedModem(sim, options);
    }

    /** Opens a socket that is closed with the fixture. */
    ModemSocket open(dev.cellbridge.cellular.SocketSpec spec) throws IOException {
        ModemSocket s = modem.open(spec);
        synchronized (opened) {
            opened.add(s);
        }
        return s;
    }

    /** Remembers a socket (e.g. an accepted one) to close with the fixture. */
    <S extends ModemSocket> S track(S s) {
        synchronized (opened) {
            opened.add(s);
        }
        return s;
    }

    @Override
    public void close() {
        List<ModemSocket> sockets;
        synchronized (opened) {
            sockets = new ArrayList<>(opened);
        }
        for (ModemSocket s : sockets) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // the test already failed or ended the socket; the simulator goes away next anyway
            }
        }
        modem.close();
        channel.close();
        sim.close();
    }
}
