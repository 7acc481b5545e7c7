package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.at.AtTimeouts;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;

/** An in-process simulator on a free loopback port with an AT channel and a Modem on it; closes all three. */
final class SimulatedModem implements AutoCloseable {

    final Simulator sim;
    final AtChannel channel;
    final Modem modem;

    private SimulatedModem(Simulator sim, AtChannel channel, Modem modem) {
        this.sim = sim;
        this.channel = channel;
        this.modem = modem;
    }

    static SimulatedModem start(String name) throws Exception {
        return start(name, AtTimeouts.defaults());
    }

    static SimulatedModem start(String name, AtTimeouts timeouts) throws Exception {
        Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0).build());
        try {
            AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                    AtChannelOptions.defaults().withName(name).withTimeouts(timeouts));
            return new SimulatedModem(sim, channel, Modem.open(channel, ModemOptions.defaults().withName(name)));
        } catch (Exception | Error e) {
            sim.close();
            throw e;
        }
    }

    @Override
    public void close() {
        modem.close();
        channel.close();
        sim.close();
    }
}
