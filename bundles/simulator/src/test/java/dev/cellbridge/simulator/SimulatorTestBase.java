package dev.cellbridge.simulator;

import java.io.IOException;
import java.net.DatagramSocket;
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

    /** Restarts with 1.2.3.4:5000 routed to a new loopback UDP peer, activates context 1, returns the peer. */
    DatagramSocket routedUdpPeer() throws IOException {
        DatagramSocket remote = Loopback.udpPeer();
        restart(options().route("1.2.3.4:5000=127.0.0.1:" + remote.getLocalPort()));
        activate();
        return remote;
    }

    void activate() throws IOException {
        host.command("AT+QIACT=1", OK);
    }

    /** Opens connectID id to the peer in the access mode (0 or 1) and returns the peer's socket. */
    Socket openTcp(int id, int accessMode) throws IOException {
        host.opens("AT+QIOPEN=1," + id + ",\"TCP\",\"220.180.239.212\",8009,0," + accessMode, id);
        return peer.accept();
    }

    /** Expects AT+QISTATE=1,id to report the TCP client of {@link #openTcp} (context 1) in this state and mode. */
    void expectClientState(int id, Socket remote, int state, int accessMode) throws IOException {
        host.command("AT+QISTATE=1," + id, "\r\n+QISTATE: " + id + ",\"TCP\",\"220.180.239.212\",8009,"
                + remote.getPort() + "," + state + ",1," + id + "," + accessMode + ",\"usbmodem\"\r\n" + OK);
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
