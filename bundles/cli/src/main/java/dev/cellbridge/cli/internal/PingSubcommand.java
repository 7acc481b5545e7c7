package dev.cellbridge.cli.internal;

import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.PingLine;
import dev.cellbridge.cellular.PingResult;
import dev.cellbridge.cli.Cellbridge;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cellbridge ping [--context N] [--apn APN] [--count N] [--timeout S] [--size B] HOST}. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {"Ping a host through the module (AT+QPING), activating the context first if needed.",
            "Exit code 1 when no reply came back."})
final class PingSubcommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--context", paramLabel = "N", defaultValue = "1", description = "PDP context, 1–5 (default 1).")
    int context;

    @Option(names = "--apn", paramLabel = "APN", description = "Configure this APN before activating the context.")
    String apn;

    @Option(names = "--count", paramLabel = "N", defaultValue = "4", description = "Requests, 1–10 (default 4).")
    int count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "4",
            description = "Wait per request, 1–255 s (default 4).")
    int timeout;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "32", description = "Bytes per request, 32–1500.")
    int size;

    @Parameters(paramLabel = "HOST", description = "Domain name or IP address.")
    String host;

    @Override
    public Integer call() {
        check("--context", context, 1, 5);
        check("--count", count, 1, 10);
        check("--timeout", timeout, 1, 255);
        check("--size", size, 32, 1500);
        try (ModemSession session = new ModemSession(root.port)) {
            session.ensureActive(context, apn, root.err);
            root.out.println("PING " + host + ": " + size + " bytes, context " + context);
            PingResult result = session.modem.ping(context, host, timeout, count, size);
            for (PingLine.Reply r : result.replies()) {
                if (r.succeeded()) {
                    root.out.println(r.bytes() + " bytes from " + r.address() + ": time=" + r.timeMs() + " ms ttl="
                            + r.ttl());
                } else {
                    root.out.println("request failed: error " + r.result());
                }
            }
            PingLine.Summary s = result.summary();
            root.out.println("--- " + host + " ping statistics ---");
            root.out.println(s.sent() + " sent, " + s.received() + " received, " + s.lost() + " lost; rtt min/avg/max = "
                    + s.minMs() + "/" + s.avgMs() + "/" + s.maxMs() + " ms");
            return s.succeeded() && s.received() > 0 ? Cellbridge.OK : Cellbridge.MODULE_ERROR;
        } catch (CellularException e) {
            throw ModemSession.failure("ping " + host, e);
        }
    }

    private void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " " + value + " is out of range " + min + "–" + max);
        }
    }
}
