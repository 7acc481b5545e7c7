package dev.cellbridge.cellular;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.cellular.internal.DefaultModem;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The module's embedded TCP/IP stack as a typed API (the application note's whole command set).
 * Every parameter is checked against the note's ranges before anything is sent: an out-of-range
 * value is an {@link IllegalArgumentException} naming it, and the module never sees it. A refusal
 * by the module is a {@link CellularException} carrying the {@code AT+QIGETERROR} code.
 */
public interface Modem extends AutoCloseable {

    /** Drives a module over an open channel. The modem does not own the channel. */
    static Modem open(AtChannel channel, ModemOptions options) {
        return DefaultModem.start(channel, options);
    }

    /**
     * What a driver should send first: no command echo, and no echo of QISEND data (the module's
     * default). Echo doubles the traffic towards the host; with it, sending through QISEND reached a
     * tenth of the line rate in the goodput benchmark, without it most of it (docs/benchmarks.md).
     */
    List<String> RECOMMENDED_INIT = List.of("ATE0", "AT+QISDE=0");

    AtChannel channel();

    /**
     * Runs initialization commands in order (e.g. {@link #RECOMMENDED_INIT}); stops at the first one
     * the module refuses.
     *
     * @throws IllegalArgumentException for a line that is not an AT command (nothing is sent)
     */
    void initialize(List<String> commands) throws CellularException;

    ModuleInfo info() throws CellularException;

    /** Applies every {@code AT+QICFG} option. */
    void configure(TcpIpOptions options) throws CellularException;

    /** Reads every {@code AT+QICFG} option back from the module. */
    TcpIpOptions tcpIpOptions() throws CellularException;

    /** {@code AT+QISDE}: whether the module echoes QISEND data. */
    void sendEcho(boolean on) throws CellularException;

    /** {@code AT+QIGETERROR}: the error of the last TCP/IP command. */
    QuectelError lastError() throws CellularException;

    /** {@code AT+QICSGP=<id>,...}. */
    void configureContext(PdpContextConfig config) throws CellularException;

    /** {@code AT+QICSGP=<id>}. */
    PdpContextConfig contextConfig(int contextId) throws CellularException;

    /** {@code AT+QIACT} (up to 150 s). */
    void activate(int contextId) throws CellularException;

    /**
     * {@code AT+QIACTEX=<id>,1}: completes with the context's state when {@code +QIACTEX} reports success. Fails
     * when it reports an error, when no {@code +QIACTEX} comes within {@link ModemOptions#activationTimeout()}
     * (a {@link CellularException} with {@link QuectelError#OPERATION_TIMEOUT}), when a deactivation of the
     * context is accepted first, when the module restarts, or when the modem is closed. One activation per
     * context at a time: however the previous one ended (cancelling the stage included), the next may start.
     *
     * @throws IllegalStateException when an activation of the context is still waiting for its URC
     */
    CompletionStage<PdpContextState> activateAsync(int contextId) throws CellularException;

    /**
     * {@code AT+QIDEACT} (up to 40 s); closes the context's sockets and fails an {@link #activateAsync(int)}
     * of the context still waiting for its URC.
     */
    void deactivate(int contextId) throws CellularException;

    /**
     * {@code AT+QIDEACTEX}: completes when {@code +QIDEACTEX} reports success; fails like
     * {@link #activateAsync(int)} (bounded by {@link ModemOptions#deactivationTimeout()}). Once the module accepts
     * the command, an {@link #activateAsync(int)} of the context still waiting for its URC fails.
     */
    CompletionStage<Void> deactivateAsync(int contextId) throws CellularException;

    /** {@code AT+QIACT?}: the activated contexts. */
    List<PdpContextState> contexts() throws CellularException;

    /** {@code AT+QIDNSCFG=<id>}. */
    DnsServers dnsServers(int contextId) throws CellularException;

    /** {@code AT+QIDNSCFG=<id>,<primary>[,<secondary>]} (secondary may be null). */
    void dnsServers(int contextId, String primary, String secondary) throws CellularException;

    /**
     * {@code AT+QPING}: pings and waits for the summary.
     *
     * @param timeoutSeconds per request, 1–255
     * @param count          requests, 1–10
     * @param size           bytes per request, 32–1500
     */
    PingResult ping(int contextId, String host, int timeoutSeconds, int count, int size) throws CellularException;

    /** Opens a socket service on a free connectID and waits until it is open. */
    ModemSocket open(SocketSpec spec) throws CellularException;

    /** {@code AT+QISTATE}: every socket service. */
    List<SocketState> socketStates() throws CellularException;

    /** Receives every {@link CellularEvent}, on the channel's dispatcher thread; must not block. */
    Subscription subscribe(Consumer<CellularEvent> listener);

    /** Stops following the module; closes no socket on it. */
    @Override
    void close();
}
