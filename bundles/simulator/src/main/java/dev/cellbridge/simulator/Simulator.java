package dev.cellbridge.simulator;

import dev.cellbridge.simulator.internal.Engine;

import java.io.IOException;

/**
 * A running virtual RG500U module. It listens on 127.0.0.1:{@link #port()} for one host connection at a time, like
 * a serial line (a second connection while one is active is accepted and closed at once). Module state (contexts,
 * sockets, settings) survives a host reconnect; {@link #reboot()} resets it.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorOptions.builder()
 *         .route("220.180.239.212:8009=127.0.0.1:" + echoServerPort).build())) {
 *     // connect to tcp://127.0.0.1:sim.port() and speak AT commands
 * }
 * }</pre>
 *
 * <p>The fault methods act on the module at once and throw {@link IllegalArgumentException} for values out of
 * range or {@link IllegalStateException} when the module is not in a state the fault applies to.
 */
public final class Simulator implements AutoCloseable {
    private final Engine engine;

    private Simulator(Engine engine) {
        this.engine = engine;
    }

    /**
     * Binds the ports and starts the module.
     *
     * @param options what to simulate
     * @return the running simulator
     * @throws IOException when the host or control port cannot be bound
     */
    public static Simulator start(SimulatorOptions options) throws IOException {
        return new Simulator(new Engine(options));
    }

    /** @return the options it was started with */
    public SimulatorOptions options() {
        return engine.options();
    }

    /** @return the host port on 127.0.0.1 (the bound one when {@code tcpPort} was 0) */
    public int port() {
        return engine.port();
    }

    /** @return the control port on 127.0.0.1, or -1 when none was requested */
    public int controlPort() {
        return engine.controlPort();
    }

    /**
     * Runs one line of the control-port language ({@code pdpdeact 1}, {@code remote-close 0}, ...).
     *
     * @param line the command
     * @return {@code OK} or {@code ERR <reason>}
     */
    public String control(String line) {
        return engine.control(line);
    }

    /**
     * The network deactivates a PDP context: its sockets close and {@code +QIURC: "pdpdeact",<ctx>} is reported.
     *
     * @param contextId 1-5, must be active
     */
    public void pdpDeact(int contextId) {
        engine.pdpDeact(contextId);
    }

    /**
     * The remote peer of a connected TCP socket closes it: {@code +QIURC: "closed",<id>} (or {@code NO CARRIER} in
     * transparent mode).
     *
     * @param connectId 0-11, a connected TCP or TCP INCOMING socket
     */
    public void remoteClose(int connectId) {
        engine.remoteClose(connectId);
    }

    /**
     * Makes QISEND on a socket answer {@code SEND FAIL} (send buffer full) or behave normally again.
     *
     * @param connectId 0-11, an open socket
     * @param full      true to fail sends
     */
    public void sendBufferFull(int connectId, boolean full) {
        engine.sendBufferFull(connectId, full);
    }

    /** The response of the next command line is not written (the command still runs). */
    public void dropNextResponse() {
        engine.dropNextResponse();
    }

    /**
     * Delays the answer of every following command line; 0 restores normal speed.
     *
     * @param millis delay, not negative
     */
    public void delay(long millis) {
        engine.delay(millis);
    }

    /** The module stops answering and reporting anything until {@link #reboot()}. */
    public void hang() {
        engine.hang();
    }

    /**
     * Restarts the module: sockets close, contexts deactivate, settings return to defaults; after a short boot it
     * reports {@code RDY}, {@code +CFUN: 1}, {@code +CPIN: READY}, {@code +QUSIM: 1}, {@code +QIND: SMS DONE}.
     */
    public void reboot() {
        engine.reboot();
    }

    /**
     * Writes output one byte per write (to test reassembly) or normally.
     *
     * @param on true for byte-by-byte output
     */
    public void fragment(boolean on) {
        engine.fragment(on);
    }

    /**
     * Writes raw bytes to the host as if the line were noisy.
     *
     * @param bytes the bytes
     */
    public void garbage(byte[] bytes) {
        engine.garbage(bytes);
    }

    /** Drops the current host connection (module state is kept). */
    public void unplug() {
        engine.unplug();
    }

    /**
     * Sets the DTR line. A high-to-low change in transparent mode leaves it as {@code AT&D} says: &D1 returns to
     * command mode with {@code OK}, &D2 (default) closes the connection with {@code NO CARRIER}, &D0 ignores it.
     *
     * @param on DTR level
     */
    public void setDtr(boolean on) {
        engine.setDtr(on);
    }

    /** Stops all threads and closes all sockets. Idempotent. */
    public void stop() {
        engine.stop();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
