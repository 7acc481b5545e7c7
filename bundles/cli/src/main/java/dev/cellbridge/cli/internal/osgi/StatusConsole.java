package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.at.Subscription;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Modem;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The status console: one line per thing that happens, each starting with the time. When a modem comes up it prints
 * the module's identity, contexts and sockets; then every event the modem reports (its URCs), every change of its
 * {@code modem.state}, every PDP context state change and, with a probe configured, every echo and failure of the
 * probe socket (and the status again after each probe connection). Plain Java: the DS component feeds it the
 * services; tests call it directly.
 *
 * <p>Status queries run on a thread of its own ({@code cellbridge-console}), never on the caller's (DS or the
 * modem's dispatcher, which must not block).
 */
final class StatusConsole implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ConsoleSettings settings;
    private final Consumer<String> out;
    private final Clock clock;
    private final ModemDirectory followed = new ModemDirectory();
    private final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Per ManagedPdpContext service.id: the line printed last. */
    private final Map<Long, String> contextLines = new ConcurrentHashMap<>();
    private final ExecutorService worker =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "cellbridge-console"));
    private final EchoProbe probe;

    /** @param out receives each line (the component prints it on standard output) */
    StatusConsole(ConsoleSettings settings, Consumer<String> out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
        this.probe = settings.probe().map(p -> new EchoProbe(p, this::probeModem, this::print,
            () -> probeModem().ifPresent(this::printStatus))).orElse(null);
    }

    void start() {
        print("console: following " + settings.modemName().map(n -> "modem " + n).orElse("every modem")
            + settings.probe().map(p -> "; echo probe to " + p.host() + ":" + p.port() + " every "
                + p.intervalSeconds() + " s on context " + p.contextId()).orElse("; no probe"));
        if (probe != null) {
            probe.start();
        }
    }

    /** A Modem service appeared. */
    void modemAdded(Modem modem, Map<String, ?> properties) {
        ModemDirectory.Entry entry = ModemDirectory.Entry.of(modem, properties);
        if (!follows(entry)) {
            return;
        }
        followed.put(modem, properties);
        print("modem " + entry.name() + ": " + entry.state() + ", link " + entry.linkUri());
        Subscription subscription = modem.subscribe(event -> onEvent(entry.name(), event));
        Subscription previous = subscriptions.put(entry.serviceId(), subscription);
        if (previous != null) {
            previous.close();
        }
        submit(() -> printStatus(entry));
        if (probe != null) {
            probe.modemChanged();
        }
    }

    /** A Modem service's properties changed (its modem.state). */
    void modemModified(Modem modem, Map<String, ?> properties) {
        ModemDirectory.Entry entry = ModemDirectory.Entry.of(modem, properties);
        if (!follows(entry)) {
            return;
        }
        ModemDirectory.Entry before = followed.put(modem, properties);
        if (before == null || !before.state().equals(entry.state())) {
            print("modem " + entry.name() + ": state " + entry.state());
        }
    }

    /** A Modem service went away. */
    void modemRemoved(Modem modem, Map<String, ?> properties) {
        ModemDirectory.Entry entry = followed.remove(modem, properties);
        if (entry == null) {
            return;
        }
        Subscription subscription = subscriptions.remove(entry.serviceId());
        if (subscription != null) {
            subscription.close();
        }
        print("modem " + entry.name() + ": gone");
        if (probe != null) {
            probe.modemChanged();
        }
    }

    /**
     * A PDP context's state: a ManagedPdpContext service (by service.id) appeared or its properties changed
     * ({@code modem.name}, {@code context.id}, {@code context.state}, {@code context.ipv4}, {@code context.ipv6});
     * printed when what it says changed.
     */
    void contextChanged(long serviceId, Map<String, ?> properties) {
        Object modem = properties.get("modem.name");
        if (settings.modemName().isPresent() && modem != null && !modem.toString().isEmpty()
            && !settings.modemName().get().equals(modem)) {
            return;
        }
        StringBuilder line = new StringBuilder("modem ").append(modemName(modem)).append(": context ")
            .append(properties.get("context.id")).append(' ').append(properties.get("context.state"));
        for (String address : new String[] {"context.ipv4", "context.ipv6"}) {
            Object value = properties.get(address);
            if (value != null && !value.toString().isBlank()) {
                line.append(", ").append(value);
            }
        }
        String text = line.toString();
        if (!text.equals(contextLines.put(serviceId, text))) {
            print(text);
        }
    }

    /** A ManagedPdpContext service went away (its configuration was deleted or the component stopped). */
    void contextRemoved(long serviceId, Map<String, ?> properties) {
        if (contextLines.remove(serviceId) != null) {
            print("modem " + modemName(properties.get("modem.name")) + ": context " + properties.get("context.id")
                + " no longer managed");
        }
    }

    private static String modemName(Object name) {
        return name == null || name.toString().isEmpty() ? "modem" : name.toString();
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.stop();
        }
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the console's threads have all ended (for tests). */
    boolean isStopped() {
        return worker.isTerminated() && (probe == null || !probe.isAlive());
    }

    private boolean follows(ModemDirectory.Entry entry) {
        return settings.modemName().map(entry.name()::equals).orElse(true);
    }

    private Optional<ModemDirectory.Entry> probeModem() {
        return followed.all().stream().findFirst();
    }

    private void onEvent(String modem, CellularEvent event) {
        print("modem " + modem + ": event " + event.line());
    }

    private void printStatus(ModemDirectory.Entry entry) {
        if (!followed.isCurrent(entry)) {
            return;
        }
        try {
            for (String line : StatusReport.of(entry.modem())) {
                print("modem " + entry.name() + ": " + line);
            }
        } catch (CellularException | RuntimeException e) {
            print("modem " + entry.name() + ": status unavailable: " + e.getMessage());
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing more to print
        }
    }

    private void print(String line) {
        out.accept(LocalTime.now(clock).format(TIME) + " " + line);
    }
}
