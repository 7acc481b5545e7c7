package dev.cellbridge.simulator;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A simulator with 220.180.239.212:8009 routed to a loopback peer and a quiet (ATE0) host connection. */
abstract class SimulatorTestBase {
    static final String OK = "\r\nOK\r\n";
    static final String ERROR = "\r\nERROR\r\n";
    static final long GUARD_MS = 150;
    TcpPeer peer;
    Simulator sim;
    HostLink host;

    /** The simulator's options; subclasses add to them (the peer exists when this is called). */
    SimulatorOptions.Builder options() throws IOException {
        return SimulatorOptions.builder().guardMs(GUARD_MS);
    }

    @BeforeEach
    void startSimulator() throws IOException {
        peer = new TcpPeer();
        sim = Simulator.start(options().route("220.180.239.212:8009=127.0.0.1:" + peer.port()).build());
        host = HostLink.quiet(sim.port());
    }

    @AfterEach
    void stopSimulator() throws IOException {
        host.close();
        sim.close();
        peer.close();
        SimulatorThreads.assertNoneAlive();
    }

    /** Replaces the simulator with one started from these options and connects a quiet host to it. */
    void restart(SimulatorOptions.Builder options) throws IOException {
        host.close();
        sim.close();
        sim = Simulator.start(options.build());
        host = HostLink.quiet(sim.port());
    }

    void activate() throws IOException {
        host.command("AT+QIACT=1", OK);
    }

    /** Opens connectID id to the peer in the access mode (0 or 1) and returns the peer's socket. */
    Socket openTcp(int id, int accessMode) throws IOException {
        host.command("AT+QIOPEN=1," + id + ",\"TCP\",\"220.180.239.212\",8009,0," + accessMode, OK);
        Socket s = peer.accept();
        host.expect("\r\n+QIOPEN: " + id + ",0\r\n");
        return s;
    }

    /** Leaves transparent mode with +++ between guard silences. */
    void escape() throws IOException {
        Loopback.guardSilence(GUARD_MS);
        host.send("+++");
        host.expect(OK);
    }

    void expectError(String command, int code) throws IOException {
        host.commandFails(command, code);
    }
}
