package dev.cellbridge.simulator.internal;

import dev.cellbridge.simulator.SimulatorOptions;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires a running simulator: host port, modem, optional control port, timer and worker threads. The public
 * {@link dev.cellbridge.simulator.Simulator} delegates here.
 */
public final class Engine {
    private final SimulatorOptions options;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Modem modem;
    private final HostPort hostPort;
    private final HostOutput output;
    private final ControlPort controlPort;
    private boolean stopped;

    /**
     * Binds the ports and starts every thread.
     *
     * @param options validated options
     * @throws IOException when a port cannot be bound
     */
    public Engine(SimulatorOptions options) throws IOException {
        this(options, LineClock.SYSTEM, LineClock.SYSTEM);
    }

    /** With the clocks the {@code --baud} pacing of host input and output waits by (tests use virtual ones). */
    Engine(SimulatorOptions options, LineClock inputClock, LineClock outputClock) throws IOException {
        this.options = options;
        AtomicInteger workerCount = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Io.daemon("timer", r));
        this.workers = Executors.newCachedThreadPool(r -> Io.daemon("worker-" + workerCount.incrementAndGet(), r));
        HostOutput output = new HostOutput(new Pacer(options.baud(), outputClock));
        this.output = output;
        this.modem = new Modem(options, output, timer, workers);
        HostPort host = null;
        ControlPort control = null;
        try {
            host = new HostPort(options.tcpPort(), modem, output, new Pacer(options.baud(), inputClock));
            if (options.controlPort() >= 0) {
                control = new ControlPort(options.controlPort(), this);
            }
        } catch (IOException e) {
            if (host != null) {
                host.closeServer();
            }
            timer.shutdownNow();
            workers.shutdownNow();
            output.stop();
            throw e;
        }
        this.hostPort = host;
        this.controlPort = control;
        hostPort.start();
        if (controlPort != null) {
            controlPort.start();
        }
    }

    /** @return the options */
    public SimulatorOptions options() {
        return options;
    }

    /** @return the bound host port */
    public int port() {
        return hostPort.port();
    }

    /** @return the bound control port, or -1 */
    public int controlPort() {
        return controlPort == null ? -1 : controlPort.port();
    }

    /** Runs one control-port command line. @return OK or ERR reason */
    public String control(String line) {
        return ControlPort.execute(this, line);
    }

    /** @param ctx context 1-5 the network deactivates */
    public void pdpDeact(int ctx) {
        modem.pdpDeact(ctx);
    }

    /** @param id connection whose peer closes */
    public void remoteClose(int id) {
        modem.remoteClose(id);
    }

    /** @param id connection @param full whether QISEND fails */
    public void sendBufferFull(int id, boolean full) {
        modem.sendBufferFull(id, full);
    }

    /** The next command's response is lost. */
    public void dropNextResponse() {
        modem.dropNextResponse();
    }

    /** @param millis delay before each command is answered */
    public void delay(long millis) {
        modem.delay(millis);
    }

    /** The module stops answering until rebooted. */
    public void hang() {
        modem.hang();
    }

    /** Restarts the module. */
    public void reboot() {
        modem.reboot();
    }

    /** @param on write output one byte at a time */
    public void fragment(boolean on) {
        modem.out.fragment(on);
    }

    /** @param bytes raw bytes written to the host */
    public void garbage(byte[] bytes) {
        modem.garbage(bytes.clone());
    }

    /** Drops the host connection. */
    public void unplug() {
        hostPort.unplug();
    }

    /** @param on DTR line level */
    public void setDtr(boolean on) {
        modem.setDtr(on);
    }

    /** Stops every thread and closes every socket; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (controlPort != null) {
                controlPort.stop();
            }
            hostPort.stop();
            modem.shutdown();
            output.stop();
            timer.shutdownNow();
            workers.shutdownNow();
            timer.awaitTermination(2, TimeUnit.SECONDS);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
