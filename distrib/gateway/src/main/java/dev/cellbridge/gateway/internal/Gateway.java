package dev.cellbridge.gateway.internal;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The standalone gateway: an Equinox framework with the bundles the jar carries, the configuration directory
 * applied through ConfigurationAdmin and followed, and optionally a Gogo shell on stdin. Runs in Boot's class loader.
 *
 * <p>Start order: with {@code --port sim:} the embedded module (echo service and simulator, in the launcher, see
 * {@link EmbeddedModule}); the runtime bundles (SCR, ConfigurationAdmin, MetaType, EventAdmin, SLF4J, libraries,
 * Gogo), then the configuration directory, then the {@link DefaultConfigurations} it does not override, then the
 * cellbridge bundles, so their components start on that configuration rather than restart on it; the shell last.
 *
 * <p>Stops on SIGTERM/SIGINT (a shutdown hook), when the framework stops (the shell's end of input or
 * {@code exit}) or when {@code --run-for} has elapsed: the framework is stopped, the watch ended, the embedded
 * module stopped and the work directory deleted, once.
 */
public final class Gateway {

    /** Framework property: the module's port URI ({@code --port}, default {@code sim:}). */
    static final String PORT_PROPERTY = "cellbridge.port";
    /** Framework property: the MQTT broker URL: {@code --mqtt}, or the embedded broker's when not given. */
    static final String MQTT_PROPERTY = "cellbridge.mqtt";
    /** Framework property: the configuration directory ({@code --config}), absolute; absent when not given. */
    static final String CONFIG_DIR_PROPERTY = "cellbridge.config.dir";

    /** Bound on waiting for a service at start and for the framework to stop. */
    private static final long TIMEOUT_MS = 30_000;

    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private final GatewayOptions options;
    private final Path workDir;
    private final PrintStream log = System.err;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile Framework framework;
    private volatile ConfigDirectory configDirectory;
    private volatile ServiceTracker<Object, Object> configurationAdmin;
    private volatile LogForwarder logForwarder;
    private volatile EmbeddedModule embeddedModule;
    private volatile EmbeddedBroker embeddedBroker;
    private volatile Thread runForTimer;

    private Gateway(GatewayOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    /**
     * Runs the gateway until it stops; called by Boot, which hands over the work directory (deleted on return).
     *
     * @return the exit status: 0 stopped normally, 1 could not start, 2 usage error
     */
    public static int run(String[] args, Path workDir) {
        GatewayOptions options;
        try {
            options = GatewayOptions.parse(List.of(args));
            if (options.configDir().isPresent() && !Files.isDirectory(options.configDir().get())) {
                throw new GatewayOptions.UsageException("--config " + options.configDir().get() + ": no such directory");
            }
        } catch (GatewayOptions.UsageException e) {
            WorkDirectory.delete(workDir);
            System.err.println("cellbridge-gateway: " + e.getMessage() + " (--help for the usage)");
            return 2;
        }
        if (options.help()) {
            WorkDirectory.delete(workDir);
            System.out.println(GatewayOptions.USAGE);
            return 0;
        }
        return new Gateway(options, workDir).runUntilStopped();
    }

    private int runUntilStopped() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "cellbridge-gateway-shutdown"));
        try {
            start();
        } catch (Exception e) {
            say("cannot start: " + e.getMessage());
            stop();
            return 1;
        }
        int status = 0;
        try {
            FrameworkEvent event = framework.waitForStop(0);
            if (event.getType() == FrameworkEvent.ERROR) {
                say("the framework stopped on an error: " + event.getThrowable());
                status = 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        return status;
    }

    private void start() throws Exception {
        String linkUri = options.port();
        boolean simulated = GatewayOptions.DEFAULT_PORT.equals(options.port());
        if (simulated) {
            EmbeddedModule module = EmbeddedModule.start();
            embeddedModule = module;
            linkUri = module.linkUri();
            say(module.describe());
        }
        String brokerUrl;
        if (options.mqtt().isPresent()) {
            brokerUrl = options.mqtt().get();
        } else {
            EmbeddedBroker broker = EmbeddedBroker.start(Gateway::printMqttLine);
            embeddedBroker = broker;
            brokerUrl = broker.url();
            say(broker.describe() + "; each message published to it is printed as a line 'mqtt <topic> <payload>'");
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, workDir.resolve("storage").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Felix SCR reports component failures (at warn) to the OSGi log, which LogForwarder prints
        properties.put("ds.loglevel", "warn");
        properties.put(PORT_PROPERTY, options.port());
        properties.put(MQTT_PROPERTY, brokerUrl);
        options.configDir().ifPresent(dir -> properties.put(CONFIG_DIR_PROPERTY, dir.toAbsolutePath().toString()));
        properties.put("gosh.home", writeShellProfile().toString());
        // Equinox defaults gosh.args to --nointeractive (for its own console), which would end Gogo's at once;
        // --nohistory: no ~/.gogo.history written behind the user's back
        properties.put("gosh.args", "--nohistory");

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Gateway.class.getClassLoader())
            .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework in the class path"));
        Framework created = factory.newFramework(properties);
        created.init();
        framework = created;
        if (stopping.get()) {
            return;
        }
        BundleContext context = created.getBundleContext();
        LogForwarder forwarder = new LogForwarder(context, log);
        forwarder.open();
        logForwarder = forwarder;

        List<Bundle> runtime;
        List<Bundle> cellbridge;
        List<Bundle> shell;
        try (EmbeddedBundles embedded = EmbeddedBundles.ofThisGateway()) {
            runtime = embedded.install(context, EmbeddedBundles.RUNTIME);
            cellbridge = embedded.install(context, EmbeddedBundles.CELLBRIDGE);
            shell = embedded.install(context, EmbeddedBundles.SHELL);
        }
        created.start();
        startAll(runtime);
        ConfigAdminTarget configurations = awaitConfigurationAdmin(context);
        if (options.configDir().isPresent()) {
            followConfigDirectory(configurations, options.configDir().get());
        }
        List<DefaultConfigurations.Default> defaults =
            new ArrayList<>(DefaultConfigurations.forModule(linkUri, simulated));
        // the relay's disk queue lives (and goes) with the work directory, as everything else of a run
        String outbox = workDir.resolve("relay-outbox").toString();
        defaults.addAll(DefaultConfigurations.forRelay(brokerUrl, outbox, simulated));
        DefaultConfigurations.applyMissing(defaults, configurations, line -> say("config: " + line));
        startAll(cellbridge);
        List<Bundle> all = new ArrayList<>(runtime);
        all.addAll(cellbridge);
        requireActive(all);

        boolean withShell = wantsShell();
        say("started: " + all.stream().filter(b -> b.getState() == Bundle.ACTIVE).count() + " bundles active on "
            + context.getBundle(0).getSymbolicName() + " " + context.getBundle(0).getVersion()
            + "; " + PORT_PROPERTY + "=" + options.port()
            + "; " + MQTT_PROPERTY + "=" + brokerUrl + (options.mqtt().isPresent() ? "" : " (embedded)")
            + "; config " + options.configDir().map(dir -> dir.toAbsolutePath() + " (followed)").orElse("(none)")
            + (withShell ? "; Gogo shell on stdin" : "; no shell, stop with SIGTERM")
            + options.runFor().map(d -> "; stopping after " + d.toSeconds() + " s (--run-for)").orElse(""));
        if (withShell) {
            if (!onTerminal()) {
                // --shell on a pipe: JLine's plain terminal, chosen up front rather than after a warning
                System.setProperty("org.jline.terminal.dumb", "true");
            }
            startAll(shell);
            requireActive(shell);
        }
        options.runFor().ifPresent(duration -> {
            Thread timer = new Thread(() -> {
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    return; // the gateway stopped first
                }
                say("--run-for " + duration.toSeconds() + " s elapsed: stopping");
                try {
                    created.stop(); // runUntilStopped's waitForStop returns, then stop() cleans up
                } catch (BundleException e) {
                    say("cannot stop the framework: " + e.getMessage());
                }
            }, "cellbridge-gateway-run-for");
            timer.setDaemon(true);
            runForTimer = timer;
            timer.start();
        });
    }

    /**
     * Writes the gateway's Gogo profile to {@code <work>/gosh/etc/gosh_profile} (where Gogo looks first, under
     * {@code gosh.home}) and returns that home. Gogo's built-in profile fails on Equinox: Gogo cannot source it from
     * a {@code bundleresource:} URL.
     */
    private Path writeShellProfile() throws IOException {
        Path home = workDir.resolve("gosh");
        Path profile = home.resolve("etc").resolve("gosh_profile");
        Files.createDirectories(profile.getParent());
        try (InputStream in = Gateway.class.getResourceAsStream("/gateway/gosh_profile")) {
            if (in == null) {
                throw new IOException("gateway/gosh_profile is missing from the gateway jar (a broken build)");
            }
            Files.copy(in, profile);
        }
        return home;
    }

    /** ConfigurationAdmin, held until the gateway stops (the directory is followed with this service object). */
    private ConfigAdminTarget awaitConfigurationAdmin(BundleContext context) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, CONFIGURATION_ADMIN, null);
        configurationAdmin = tracker;
        tracker.open();
        Object admin = tracker.waitForService(TIMEOUT_MS);
        if (admin == null) {
            throw new IllegalStateException("no ConfigurationAdmin service within " + TIMEOUT_MS + " ms");
        }
        return new ConfigAdminTarget(admin);
    }

    private void followConfigDirectory(ConfigAdminTarget target, Path dir) throws Exception {
        ConfigDirectory directory = new ConfigDirectory(dir.toAbsolutePath(), target, line -> say("config: " + line));
        configDirectory = directory;
        directory.start();
    }

    private static void startAll(List<Bundle> bundles) {
        for (Bundle bundle : bundles) {
            if (!isFragment(bundle)) {
                try {
                    bundle.start();
                } catch (BundleException e) {
                    // reported with the framework's reason by requireActive
                }
            }
        }
    }

    /** Fails, naming each bundle that is not active and the framework's reason, unless all are. */
    private static void requireActive(List<Bundle> bundles) {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (isFragment(bundle) || bundle.getState() == Bundle.ACTIVE) {
                continue;
            }
            String reason;
            try {
                bundle.start();
                reason = "started only when asked again";
            } catch (BundleException | RuntimeException e) {
                reason = e.getMessage();
            }
            problems.add(bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + reason);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("bundles not active:\n  " + String.join("\n  ", problems));
        }
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private boolean wantsShell() {
        return switch (options.shell()) {
            case ON -> true;
            case OFF -> false;
            // a timed run is a demonstration or a script: no shell unless asked for
            case AUTO -> options.runFor().isEmpty() && onTerminal();
        };
    }

    /** Whether stdin and stdout are a terminal (Java 22+ has a Console even when they are not: ask it). */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Stops everything once; concurrent callers (the shutdown hook, the main thread) wait for the first. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopped.await(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            Thread timer = runForTimer;
            if (timer != null && timer != Thread.currentThread()) {
                timer.interrupt();
            }
            ConfigDirectory directory = configDirectory;
            if (directory != null) {
                directory.close();
            }
            Framework running = framework;
            if (running != null) {
                // the framework may already be stopping (the shell's exit); then its services are gone already
                ServiceTracker<Object, Object> admin = configurationAdmin;
                closeQuietly(admin == null ? null : admin::close);
                running.stop();
                if (running.waitForStop(TIMEOUT_MS).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    say("the framework did not stop within " + TIMEOUT_MS + " ms");
                }
                closeQuietly(logForwarder);
            }
        } catch (BundleException | RuntimeException e) {
            say("error while stopping: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // after the framework: the relay has said goodbye (its offline state) to the broker by now
            EmbeddedBroker broker = embeddedBroker;
            if (broker != null) {
                broker.close();
            }
            EmbeddedModule module = embeddedModule;
            if (module != null) {
                module.close();
            }
            WorkDirectory.delete(workDir);
            say("stopped");
            stopped.countDown();
        }
    }

    /** Closes a tracker-backed helper whose bundle context may already be invalid (framework stopped). */
    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // the framework stopped first: nothing left to release
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A message seen on the embedded broker, on stdout next to the status console's lines and in their format. */
    private static void printMqttLine(String topic, byte[] payload) {
        System.out.println(LocalTime.now().format(CLOCK) + " " + MqttLine.of(topic, payload));
    }

    private void say(String line) {
        log.println("cellbridge-gateway: " + line);
    }
}
