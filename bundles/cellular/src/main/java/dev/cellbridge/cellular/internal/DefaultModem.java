package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtFields;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.DnsServers;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ModuleInfo;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.PingLine;
import dev.cellbridge.cellular.PingResult;
import dev.cellbridge.cellular.QuectelError;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketState;
import dev.cellbridge.cellular.TcpIpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Modem} over one {@link AtChannel}. */
public final class DefaultModem implements Modem {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultModem.class);

    private final AtChannel channel;
    private final ModemOptions options;
    private final Commands commands;
    private final SocketRegistry sockets;
    private final Subscription urcSubscription;
    private final List<Consumer<CellularEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<PdpContextState>> activations = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> deactivations = new ConcurrentHashMap<>();
    /** Ends asynchronous (de)activations whose URC never comes; its thread lives only while one waits. */
    private final ScheduledThreadPoolExecutor urcTimeouts;
    private final ReentrantLock pingLock = new ReentrantLock();
    private volatile PingCollector ping;

    private DefaultModem(AtChannel channel, ModemOptions options) {
        this.channel = channel;
        this.options = options;
        this.commands = new Commands(channel);
        this.sockets = new SocketRegistry(commands, options);
        this.urcTimeouts = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cellbridge-context-timeouts-" + options.name());
            t.setDaemon(true);
            return t;
        });
        urcTimeouts.setKeepAliveTime(1, TimeUnit.SECONDS);
        urcTimeouts.allowCoreThreadTimeOut(true);
        urcTimeouts.setRemoveOnCancelPolicy(true);
        this.urcSubscription = channel.subscribe("", urc -> dispatch(UrcParser.parse(urc)));
    }

    public static DefaultModem start(AtChannel channel, ModemOptions options) {
        return new DefaultModem(channel, options);
    }

    /** On the channel's dispatcher thread: internal bookkeeping first, then listeners. Never blocks. */
    private void dispatch(CellularEvent event) {
        if (event instanceof CellularEvent.ContextActivated a) {
            CompletableFuture<PdpContextState> f = activations.remove(a.contextId());
            if (f != null) {
                if (a.succeeded()) {
                    f.complete(a.state());
                } else {
                    f.completeExceptionally(new CellularException("activating context " + a.contextId() + " failed",
                            QuectelError.of(a.error()).orElse(QuectelError.UNKNOWN_ERROR)));
                }
            }
        } else if (event instanceof CellularEvent.ContextDeactivated d) {
            CompletableFuture<Void> f = deactivations.remove(d.contextId());
            if (f != null) {
                if (d.succeeded()) {
                    sockets.contextLost(d.contextId(), false);
                    f.complete(null);
                } else {
                    f.completeExceptionally(new CellularException("deactivating context " + d.contextId()
                            + " failed", QuectelError.of(d.error()).orElse(QuectelError.UNKNOWN_ERROR)));
                }
            }
        } else if (event instanceof CellularEvent.Ping p) {
            PingCollector c = ping;
            if (c != null) {
                c.offer(p.ping());
            }
        } else if (event instanceof CellularEvent.PdpDeactivated d) {
            LOG.warn("{}: the network deactivated context {}", options.name(), d.contextId());
            sockets.contextLost(d.contextId(), true);
        } else if (event instanceof CellularEvent.Other o && o.line().strip().equals("RDY")) {
            moduleRestarted();
        }
        sockets.onEvent(event);
        for (Consumer<CellularEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.error("{}: event listener failed on {}", options.name(), event, e);
            }
        }
    }

    @Override
    public AtChannel channel() {
        return channel;
    }

    @Override
    public void initialize(List<String> lines) throws CellularException {
        Objects.requireNonNull(lines, "commands");
        List<AtCommand> parsed = lines.stream().map(AtCommand::of).toList(); // all checked before any is sent
        for (AtCommand command : parsed) {
            commands.require(command);
        }
    }

    @Override
    public ModuleInfo info() throws CellularException {
        List<String> ati = commands.require("ATI").texts();
        String imei = commands.require("AT+CGSN").texts().stream().filter(s -> !s.isBlank()).findFirst().orElse("");
        String manufacturer = ati.size() > 0 ? ati.get(0) : "";
        String model = ati.size() > 1 ? ati.get(1) : "";
        String revision = ati.stream().filter(s -> s.startsWith("Revision:")).map(s -> s.substring(9).trim())
                .findFirst().orElse("");
        return new ModuleInfo(manufacturer, model, revision, imei);
    }

    @Override
    public void configure(TcpIpOptions tcpIp) throws CellularException {
        Objects.requireNonNull(tcpIp, "TCP/IP options");
        for (String line : tcpIp.commands()) {
            commands.require(line);
        }
        sockets.sendHex(tcpIp.sendHex());
    }

    @Override
    public TcpIpOptions tcpIpOptions() throws CellularException {
        TcpIpOptions read = new TcpIpOptionsReader(commands).read();
        sockets.sendHex(read.sendHex());
        return read;
    }

    @Override
    public void sendEcho(boolean on) throws CellularException {
        commands.require("AT+QISDE=" + (on ? 1 : 0));
    }

    @Override
    public QuectelError lastError() throws CellularException {
        AtResponse r = commands.require("AT+QIGETERROR");
        String line = r.line("+QIGETERROR:").map(ResponseLine::text)
                .orElseThrow(() -> new CellularException("AT+QIGETERROR gave no +QIGETERROR line", (Throwable) null));
        try {
            return QuectelError.parse(line);
        } catch (IllegalArgumentException e) {
            throw new CellularException(e.getMessage(), e);
        }
    }

    @Override
    public void configureContext(PdpContextConfig config) throws CellularException {
        Objects.requireNonNull(config, "context configuration");
        // a refused or timed-out QICSGP is reported with its line: the password must not be in it
        commands.require(AtCommand.of(config.command()).withSecret(config.password()));
    }

    @Override
    public PdpContextConfig contextConfig(int contextId) throws CellularException {
        checkContext(contextId);
        AtResponse r = commands.require("AT+QICSGP=" + contextId);
        String line = r.line("+QICSGP:").map(ResponseLine::text)
                .orElseThrow(() -> new CellularException("AT+QICSGP=" + contextId + " gave no +QICSGP line",
                        (Throwable) null));
        try {
            return Parsers.contextConfig(contextId, line);
        } catch (IllegalArgumentException e) {
            throw new CellularException(e.getMessage(), e);
        }
    }

    @Override
    public void activate(int contextId) throws CellularException {
        checkContext(contextId);
        commands.require("AT+QIACT=" + contextId);
    }

    @Override
    public CompletionStage<PdpContextState> activateAsync(int contextId) throws CellularException {
        checkContext(contextId);
        CompletableFuture<PdpContextState> f = new CompletableFuture<>();
        if (activations.putIfAbsent(contextId, f) != null) {
            throw new IllegalStateException("context " + contextId + " is already being activated");
        }
        // however it ends (URC, timeout, deactivation, cancel by the caller), the next activation may start
        f.whenComplete((state, failure) -> activations.remove(contextId, f));
        try {
            commands.require("AT+QIACTEX=" + contextId + ",1");
        } catch (CellularException | RuntimeException e) {
            activations.remove(contextId, f);
            throw e;
        }
        bound(f, options.activationTimeout(), "+QIACTEX", "activating", contextId);
        return f;
    }

    @Override
    public void deactivate(int contextId) throws CellularException {
        checkContext(contextId);
        commands.require("AT+QIDEACT=" + contextId);
        abandonActivation(contextId, "AT+QIDEACT");
        sockets.contextLost(contextId, false);
    }

    @Override
    public CompletionStage<Void> deactivateAsync(int contextId) throws CellularException {
        checkContext(contextId);
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (deactivations.putIfAbsent(contextId, f) != null) {
            throw new IllegalStateException("context " + contextId + " is already being deactivated");
        }
        f.whenComplete((nothing, failure) -> deactivations.remove(contextId, f));
        try {
            commands.require("AT+QIDEACTEX=" + contextId);
        } catch (CellularException | RuntimeException e) {
            deactivations.remove(contextId, f);
            throw e;
        }
        abandonActivation(contextId, "AT+QIDEACTEX");
        bound(f, options.deactivationTimeout(), "+QIDEACTEX", "deactivating", contextId);
        return f;
    }

    /** {@code RDY}: the module restarted; no {@code +QIACTEX} or {@code +QIDEACTEX} will come for what it was doing. */
    private void moduleRestarted() {
        activations.forEach((id, f) -> f.completeExceptionally(new CellularException("activating context " + id
                + " failed: the module restarted (RDY) before +QIACTEX came", (Throwable) null)));
        deactivations.forEach((id, f) -> f.completeExceptionally(new CellularException("deactivating context " + id
                + " failed: the module restarted (RDY) before +QIDEACTEX came", (Throwable) null)));
    }

    /** Fails the future if its URC has not come within the timeout (the URC can be lost, or never sent). */
    private void bound(CompletableFuture<?> f, Duration timeout, String urc, String doing, int contextId) {
        try {
            ScheduledFuture<?> timer = urcTimeouts.schedule(() -> f.completeExceptionally(new CellularException(
                    doing + " context " + contextId + ": no " + urc + " within " + timeout.toMillis() + " ms",
                    QuectelError.OPERATION_TIMEOUT)), timeout.toNanos(), TimeUnit.NANOSECONDS);
            f.whenComplete((result, failure) -> timer.cancel(false));
        } catch (RejectedExecutionException e) { // closed meanwhile
            f.completeExceptionally(new CellularException("modem " + options.name() + " closed", e));
        }
    }

    /**
     * A deactivation the module accepted ends an activation of the same context still waiting for
     * {@code +QIACTEX}: the module may abort it without a URC, and the caller must not wait for one.
     */
    private void abandonActivation(int contextId, String by) {
        CompletableFuture<PdpContextState> pending = activations.get(contextId);
        if (pending != null && pending.completeExceptionally(new CellularException("activating context "
                + contextId + " was abandoned: " + by + "=" + contextId + " deactivated the context before "
                + "+QIACTEX came", (Throwable) null))) {
            LOG.info("{}: {}={} abandoned the pending activation of context {}", options.name(), by, contextId,
                    contextId);
        }
    }

    @Override
    public List<PdpContextState> contexts() throws CellularException {
        List<PdpContextState> out = new ArrayList<>();
        for (ResponseLine l : commands.require("AT+QIACT?").lines()) {
            if (l.text().startsWith("+QIACT:")) {
                try {
                    out.add(Parsers.contextState(l.text()));
                } catch (IllegalArgumentException e) {
                    throw new CellularException(e.getMessage(), e);
                }
            }
        }
        return out;
    }

    @Override
    public DnsServers dnsServers(int contextId) throws CellularException {
        checkContext(contextId);
        AtResponse r = commands.require("AT+QIDNSCFG=" + contextId);
        String line = r.line("+QIDNSCFG:").map(ResponseLine::text)
                .orElseThrow(() -> new CellularException("AT+QIDNSCFG=" + contextId + " gave no +QIDNSCFG line",
                        (Throwable) null));
        AtFields f = AtFields.of(line);
        try {
            return new DnsServers(f.number(0), f.text(1), f.size() > 2 ? f.text(2) : "");
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CellularException("malformed +QIDNSCFG line \"" + line + "\"", e);
        }
    }

    @Override
    public void dnsServers(int contextId, String primary, String secondary) throws CellularException {
        checkContext(contextId);
        checkAddress("primary DNS server", primary);
        String line = "AT+QIDNSCFG=" + contextId + ",\"" + primary + "\"";
        if (secondary != null) {
            checkAddress("secondary DNS server", secondary);
            line += ",\"" + secondary + "\"";
        }
        commands.require(line);
    }

    @Override
    public PingResult ping(int contextId, String host, int timeoutSeconds, int count, int size)
            throws CellularException {
        checkContext(contextId);
        checkRange("QPING timeout", timeoutSeconds, 1, 255);
        checkRange("QPING pingnum", count, 1, 10);
        checkRange("QPING ping_size", size, 32, 1500);
        if (host == null || host.isEmpty() || host.indexOf('"') >= 0 || host.length() > 256
                || host.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            throw new IllegalArgumentException("QPING host must be a domain name or IP address of 1–256 characters "
                    + "without quotes, spaces or control characters: " + (host == null ? null : "\"" + host + "\""));
        }
        pingLock.lock();
        try {
            PingCollector collector = new PingCollector(count);
            ping = collector;
            commands.require("AT+QPING=" + contextId + ",\"" + host + "\"," + timeoutSeconds + "," + count + ","
                    + size);
            Duration limit = Duration.ofSeconds((long) timeoutSeconds * count + 10);
            try {
                return collector.result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new CellularException("no +QPING summary for " + host + " within " + limit.toSeconds() + " s",
                        QuectelError.OPERATION_TIMEOUT);
            } catch (ExecutionException e) {
                throw (CellularException) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CellularException("interrupted while pinging " + host, e);
            }
        } finally {
            ping = null;
            pingLock.unlock();
        }
    }

    /** Gathers {@code +QPING} lines until the summary. */
    private static final class PingCollector {
        final int count;
        final List<PingLine.Reply> replies = new ArrayList<>();
        final CompletableFuture<PingResult> result = new CompletableFuture<>();

        PingCollector(int count) {
            this.count = count;
        }

        synchronized void offer(PingLine line) {
            if (line instanceof PingLine.Summary s) {
                result.complete(new PingResult(replies, s));
                return;
            }
            PingLine.Reply r = (PingLine.Reply) line;
            // An error alone before any reply is the ping failing as a whole (e.g. 565 DNS parse failed);
            // a timed-out request (569) among the replies is just that request.
            if (!r.succeeded() && r.address() == null && (replies.size() >= count
                    || (replies.isEmpty() && r.result() != QuectelError.OPERATION_TIMEOUT.code()))) {
                result.completeExceptionally(new CellularException("ping failed",
                        QuectelError.of(r.result()).orElse(QuectelError.UNKNOWN_ERROR)));
                return;
            }
            replies.add(r);
        }
    }

    @Override
    public ModemSocket open(SocketSpec spec) throws CellularException {
        return sockets.open(spec);
    }

    @Override
    public List<SocketState> socketStates() throws CellularException {
        List<SocketState> out = new ArrayList<>();
        for (ResponseLine l : commands.require(AtCommand.of("AT+QISTATE")).lines()) {
            if (l.text().startsWith("+QISTATE:")) {
                try {
                    out.add(Parsers.socketState(l.text()));
                } catch (IllegalArgumentException e) {
                    throw new CellularException(e.getMessage(), e);
                }
            }
        }
        return out;
    }

    @Override
    public Subscription subscribe(Consumer<CellularEvent> listener) {
        Objects.requireNonNull(listener, "listener"); // a null one would fail only later, at the next event
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        urcSubscription.close();
        sockets.close();
        CellularException closed = new CellularException("modem " + options.name() + " closed", (Throwable) null);
        List.copyOf(activations.values()).forEach(f -> f.completeExceptionally(closed));
        List.copyOf(deactivations.values()).forEach(f -> f.completeExceptionally(closed));
        urcTimeouts.shutdownNow();
    }

    private static void checkContext(int contextId) {
        checkRange("contextID", contextId, 1, 5);
    }

    private static void checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + "–" + max);
        }
    }

    private static void checkAddress(String what, String address) {
        if (address == null || !address.matches("[0-9A-Fa-f.:]{2,45}")) {
            throw new IllegalArgumentException(what + " must be an IPv4 or IPv6 address: " + address);
        }
    }
}
