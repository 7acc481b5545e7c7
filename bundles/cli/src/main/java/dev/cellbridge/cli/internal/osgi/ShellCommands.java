package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.PingLine;
import dev.cellbridge.cellular.PingResult;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code cellbridge:} commands of the Gogo shell: {@code at}, {@code info}, {@code ping}, {@code sockets},
 * {@code contexts}, on the Modem services (option {@code -m NAME} picks one by {@code modem.name}; the first
 * registered otherwise). Plain public methods: Gogo finds them through the {@code osgi.command.*} service
 * properties, so this bundle needs nothing of Gogo. Each returns the text to print; a failure is an exception with
 * one line naming the command and the problem (Gogo prints it as such).
 */
@Component(name = ShellCommands.NAME, service = ShellCommands.class, property = {
    "osgi.command.scope=cellbridge",
    "osgi.command.function=at",
    "osgi.command.function=info",
    "osgi.command.function=ping",
    "osgi.command.function=sockets",
    "osgi.command.function=contexts"})
public final class ShellCommands {

    /** Component name. */
    public static final String NAME = "dev.cellbridge.cli.shell";

    private static final Set<String> MODEM_ONLY = Set.of("modem");

    private final ModemDirectory modems = new ModemDirectory();
    private final Map<Long, Managed> managedContexts = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindModem(Modem modem, Map<String, Object> properties) {
        modems.put(modem, properties);
    }

    void updatedModem(Modem modem, Map<String, Object> properties) {
        modems.put(modem, properties);
    }

    void unbindModem(Modem modem, Map<String, Object> properties) {
        modems.remove(modem, properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindContext(ManagedPdpContext context, Map<String, Object> properties) {
        managedContexts.put(serviceId(properties), new Managed(context, properties));
    }

    void updatedContext(ManagedPdpContext context, Map<String, Object> properties) {
        bindContext(context, properties);
    }

    void unbindContext(ManagedPdpContext context, Map<String, Object> properties) {
        managedContexts.remove(serviceId(properties));
    }

    /** A configured PDP context (ManagedPdpContext service) and the name of its configuration. */
    private record Managed(ManagedPdpContext context, Map<String, Object> properties) {
        String configuration() {
            Object name = properties.getOrDefault("kura.service.pid", properties.get("service.pid"));
            return name == null ? "?" : name.toString();
        }
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get("service.id")).longValue();
    }

    /** {@code at [-m NAME] COMMAND...}: sends raw AT commands in order and shows each answer. */
    public String at(String... args) {
        ShellArgs parsed = new ShellArgs("at", args, MODEM_ONLY);
        if (parsed.positional().isEmpty()) {
            throw parsed.usage("usage: at [-m NAME] COMMAND... (e.g. at AT+QIACT? 'AT+QICSGP=1')");
        }
        List<AtCommand> commands = new ArrayList<>();
        for (String line : parsed.positional()) {
            try {
                commands.add(AtCommand.of(line));
            } catch (IllegalArgumentException e) {
                throw parsed.usage(e.getMessage());
            }
        }
        ModemDirectory.Entry modem = select("at", parsed);
        StringBuilder out = new StringBuilder();
        for (AtCommand command : commands) {
            AtResponse response;
            try {
                response = modem.modem().channel().execute(command);
            } catch (AtException e) {
                throw failure("at", command.line() + ": " + e.getMessage());
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
                throw failure("at", command.line() + ": interrupted");
            }
            for (ResponseLine line : response.lines()) {
                out.append(line.text()).append('\n');
                if (line.hasPayload()) {
                    out.append(new String(line.payload(), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
            out.append(response.result().text()).append('\n');
            if (response.session().isPresent()) {
                // the shell is no terminal for a raw data stream: leave at once, the socket stays open
                try {
                    response.session().get().escape();
                    out.append("(left transparent mode with +++; use the socket API for data)\n");
                } catch (AtException e) {
                    throw failure("at", command.line() + ": cannot leave transparent mode: " + e.getMessage());
                }
            }
        }
        return out.toString();
    }

    /** {@code info [-m NAME]}: the modems, then the chosen module's identity, contexts and sockets. */
    public String info(String... args) {
        ShellArgs parsed = new ShellArgs("info", args, MODEM_ONLY);
        noPositional(parsed, "info [-m NAME]");
        ModemDirectory.Entry chosen = select("info", parsed);
        StringBuilder out = new StringBuilder();
        for (ModemDirectory.Entry entry : modems.all()) {
            out.append(entry == chosen ? "* " : "  ").append("modem ").append(entry.name()).append(": ")
                .append(entry.state()).append(", link ").append(entry.linkUri()).append('\n');
        }
        try {
            for (String line : StatusReport.of(chosen.modem())) {
                out.append(line).append('\n');
            }
        } catch (CellularException e) {
            throw failure("info", e.getMessage());
        }
        return out.toString();
    }

    /** {@code ping [-m NAME] [-c CONTEXT] [-n COUNT] [-t SECONDS] HOST}: AT+QPING on an active context. */
    public String ping(String... args) {
        ShellArgs parsed = new ShellArgs("ping", args, Set.of("modem", "context", "number", "timeout"));
        int context = parsed.integer("context", 1, 1, 5);
        int count = parsed.integer("number", 4, 1, 10);
        int timeout = parsed.integer("timeout", 4, 1, 255);
        if (parsed.positional().size() != 1) {
            throw parsed.usage("usage: ping [-m NAME] [-c CONTEXT] [-n COUNT] [-t SECONDS] HOST");
        }
        String host = parsed.positional().get(0);
        ModemDirectory.Entry modem = select("ping", parsed);
        PingResult result;
        try {
            result = modem.modem().ping(context, host, timeout, count, 32);
        } catch (CellularException e) {
            throw failure("ping " + host, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw parsed.usage(e.getMessage());
        }
        StringBuilder out = new StringBuilder("PING " + host + " through context " + context + " of modem "
            + modem.name() + "\n");
        for (PingLine.Reply reply : result.replies()) {
            out.append(reply.succeeded()
                ? reply.bytes() + " bytes from " + reply.address() + ": time=" + reply.timeMs() + " ms ttl=" + reply.ttl()
                : "request failed: error " + reply.result()).append('\n');
        }
        PingLine.Summary s = result.summary();
        out.append(s.sent()).append(" sent, ").append(s.received()).append(" received, ").append(s.lost())
            .append(" lost; rtt min/avg/max = ").append(s.minMs()).append('/').append(s.avgMs()).append('/')
            .append(s.maxMs()).append(" ms\n");
        return out.toString();
    }

    /** {@code sockets [-m NAME]}: every socket service (AT+QISTATE). */
    public String sockets(String... args) {
        ShellArgs parsed = new ShellArgs("sockets", args, MODEM_ONLY);
        noPositional(parsed, "sockets [-m NAME]");
        ModemDirectory.Entry modem = select("sockets", parsed);
        try {
            return String.join("\n", StatusReport.sockets(modem.modem().socketStates())) + "\n";
        } catch (CellularException e) {
            throw failure("sockets", e.getMessage());
        }
    }

    /**
     * {@code contexts [-m NAME]}: the activated PDP contexts (AT+QIACT?), then the configured ones (the
     * dev.cellbridge.cellular.context components of that modem) with their state and last problem.
     */
    public String contexts(String... args) {
        ShellArgs parsed = new ShellArgs("contexts", args, MODEM_ONLY);
        noPositional(parsed, "contexts [-m NAME]");
        ModemDirectory.Entry modem = select("contexts", parsed);
        StringBuilder out = new StringBuilder();
        try {
            out.append(String.join("\n", StatusReport.contexts(modem.modem().contexts()))).append('\n');
        } catch (CellularException e) {
            throw failure("contexts", e.getMessage());
        }
        for (Managed managed : managedContexts.values()) {
            ManagedPdpContext.Status status = managed.context().status();
            if (!status.modemName().isEmpty() && !status.modemName().equals(modem.name())) {
                continue;
            }
            out.append("configured ").append(managed.configuration()).append(": context ").append(status.contextId())
                .append(' ').append(status.state());
            for (String address : new String[] {status.ipv4(), status.ipv6()}) {
                if (!address.isEmpty()) {
                    out.append(", ").append(address);
                }
            }
            if (!status.problem().isEmpty()) {
                out.append(" (").append(status.problem()).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private ModemDirectory.Entry select(String command, ShellArgs parsed) {
        try {
            return modems.select(parsed.option("modem"));
        } catch (IllegalStateException e) {
            throw failure(command, e.getMessage());
        }
    }

    private static void noPositional(ShellArgs parsed, String usage) {
        if (!parsed.positional().isEmpty()) {
            throw parsed.usage("unexpected argument '" + parsed.positional().get(0) + "' (usage: " + usage + ")");
        }
    }

    private static IllegalStateException failure(String command, String problem) {
        return new IllegalStateException(command + ": " + problem);
    }
}
