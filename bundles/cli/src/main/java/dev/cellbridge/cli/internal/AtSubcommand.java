package dev.cellbridge.cli.internal;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtLinkClosedException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.AtTimeoutException;
import dev.cellbridge.at.DataSession;
import dev.cellbridge.at.OutgoingPayload;
import dev.cellbridge.at.ResultCode;
import dev.cellbridge.at.Subscription;
import dev.cellbridge.at.Urc;
import dev.cellbridge.cli.Cellbridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code cellbridge at [--json] [--listen SECONDS] [--timeout SECONDS] [--data D]... COMMAND...}. */
@Command(name = "at", mixinStandardHelpOptions = true,
        description = {"Send raw AT commands, one after the other, and print each answer.",
            "Every command is sent; if the module refused any, the exit code is 1.",
            "URCs are printed as they arrive. After AT+QIOPEN, AT+QIACTEX and AT+QIDEACTEX the next command",
            "waits for the URC that reports their outcome. A command answering CONNECT enters transparent mode:",
            "data is printed for the --listen time, then the channel leaves it with +++."})
final class AtSubcommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per line: each answer, each URC.")
    boolean json;

    @Option(names = "--listen", paramLabel = "SECONDS", defaultValue = "0",
            description = "After the commands, keep printing URCs for this long.")
    double listenSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Timeout of every command (default: the application note's maximum for each).")
    Double timeoutSeconds;

    @Option(names = "--data", paramLabel = "DATA",
            description = {"Payload for a command with a > prompt (AT+QISEND), in order; hex:0D0A for bytes.",
                "A prompt with no --data left is cancelled with Esc."})
    List<String> data = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "AT command lines, e.g. AT+QIACT?")
    List<String> commands;

    private Output output;

    @Override
    public Integer call() {
        List<AtCommand> parsed = parseCommands();
        Deque<byte[]> payloads = parsePayloads();
        output = new Output(root.out, json);
        AtChannelOptions options = AtChannelOptions.defaults().withName("cli");
        try (PortOpener ports = new PortOpener(); AtChannel channel = AtChannel.open(ports.open(root.port), options)) {
            channel.subscribe("", this::printUrc);
            int exit = Cellbridge.OK;
            for (AtCommand command : parsed) {
                Optional<AsyncCompletion> completion = AsyncCompletion.of(command);
                Subscription watch = completion.map(c -> channel.subscribe(c.prefix(), c::offer)).orElse(() -> { });
                try (watch) {
                    AtResponse response = execute(channel, withPayload(command, payloads));
                    output.response(response);
                    if (response.result().code() == ResultCode.CONNECT) {
                        relayTransparent(response.session().orElseThrow());
                    }
                    boolean ok = response.isOk();
                    if (ok && completion.isPresent()) {
                        ok = awaitCompletion(command, completion.get());
                    }
                    if (!ok) {
                        exit = Cellbridge.MODULE_ERROR;
                    }
                }
            }
            if (listenSeconds > 0) {
                sleep(Duration.ofMillis((long) (listenSeconds * 1000)));
            }
            return exit;
        }
    }

    private List<AtCommand> parseCommands() {
        if (timeoutSeconds != null && !(timeoutSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive: " + timeoutSeconds);
        }
        if (!(listenSeconds >= 0)) {
            throw new ParameterException(spec.commandLine(), "--listen must not be negative: " + listenSeconds);
        }
        List<AtCommand> out = new ArrayList<>();
        for (String line : commands) {
            try {
                AtCommand c = AtCommand.of(line);
                if (timeoutSeconds != null) {
                    c = c.withTimeout(Duration.ofMillis(Math.max(1, (long) (timeoutSeconds * 1000))));
                }
                out.add(c);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "bad COMMAND: " + e.getMessage());
            }
        }
        return out;
    }

    private Deque<byte[]> parsePayloads() {
        Deque<byte[]> out = new ArrayDeque<>();
        for (String d : data) {
            if (d.startsWith("hex:")) {
                try {
                    out.add(HexFormat.of().parseHex(d.substring(4)));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "bad --data " + d + ": " + e.getMessage());
                }
            } else {
                out.add(d.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** AT+QISEND (except its {@code ,0} totals query) is answered by a prompt: give it its payload. */
    private AtCommand withPayload(AtCommand command, Deque<byte[]> payloads) {
        String line = command.line();
        if (!command.name().equals("QISEND") || line.indexOf('=') < 0 || line.endsWith("=?")) {
            return command;
        }
        String[] params = line.substring(line.indexOf('=') + 1).split(",");
        if (params.length == 2 && params[1].trim().equals("0")) {
            return command;
        }
        byte[] bytes = payloads.poll();
        if (bytes == null) {
            return command.withPayload(OutgoingPayload.cancel());
        }
        if (params.length >= 2) {
            int announced;
            try {
                announced = Integer.parseInt(params[1].trim());
            } catch (NumberFormatException e) {
                return command.withPayload(OutgoingPayload.fixedLength(bytes));
            }
            if (announced != bytes.length) {
                throw new ParameterException(spec.commandLine(), "--data has " + bytes.length + " bytes but "
                        + line + " announces " + announced);
            }
            return command.withPayload(OutgoingPayload.fixedLength(bytes));
        }
        try {
            return command.withPayload(OutgoingPayload.ctrlZ(bytes));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--data for " + line + ": " + e.getMessage());
        }
    }

    private AtResponse execute(AtChannel channel, AtCommand command) {
        if (root.verbose) {
            root.err.println("> " + command.line());
        }
        long started = System.nanoTime();
        try {
            AtResponse r = channel.execute(command);
            if (root.verbose) {
                root.err.printf(Locale.ROOT, "< %s (%d ms)%n", r.result().text(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            return r;
        } catch (AtTimeoutException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, e.getMessage(), e);
        } catch (AtLinkClosedException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, e.getMessage(), e);
        } catch (AtException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, command.line() + ": " + e.getMessage(), e);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(Cellbridge.LINK_FAILURE, "interrupted", e);
        }
    }

    /** Waits for the URC that tells how an asynchronous command ended; true when it succeeded. */
    private boolean awaitCompletion(AtCommand command, AsyncCompletion completion) {
        Duration limit = command.timeout() != null ? command.timeout()
                : AtChannelOptions.defaults().timeouts().timeoutFor(command.line());
        try {
            Urc urc = completion.outcome().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return AsyncCompletion.succeeded(urc);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, "no " + completion.prefix() + " URC for " + command.line()
                    + " within " + limit.toMillis() + " ms", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, command.line() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(Cellbridge.LINK_FAILURE, "interrupted", e);
        }
    }

    private void printUrc(Urc urc) {
        output.urc(urc);
    }

    /**
     * Prints transparent-mode data for the --listen time, then leaves data mode with +++ and prints
     * what was still buffered. A thread of its own reads, so that every byte shows as it arrives.
     */
    private void relayTransparent(DataSession session) {
        InputStream in = session.input();
        Thread copier = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    output.transparent(buf, n);
                }
            } catch (IOException e) {
                root.err.println("cellbridge: reading transparent data: " + e.getMessage());
            }
        }, "cellbridge-cli-transparent");
        copier.setDaemon(true);
        copier.start();
        try {
            copier.join((long) (listenSeconds * 1000) + 1);
            if (session.isActive()) {
                session.escape();
            }
            copier.join(TimeUnit.SECONDS.toMillis(2)); // the data buffered before the escape, then end of stream
        } catch (AtException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, "leaving transparent mode: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(Cellbridge.LINK_FAILURE, "interrupted", e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
