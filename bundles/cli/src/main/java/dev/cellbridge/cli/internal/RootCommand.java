package dev.cellbridge.cli.internal;

import dev.cellbridge.cli.Cellbridge;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cellbridge [--port URI] [--verbose] COMMAND ...}. */
@Command(name = "cellbridge", mixinStandardHelpOptions = true, version = "cellbridge 0.1.0",
        description = "Talk to a Quectel RG200U/RG500U/RM500U module over its AT port.",
        subcommands = {AtSubcommand.class, InfoSubcommand.class, PingSubcommand.class, NcSubcommand.class},
        footer = {"", "Exit codes: 0 success, 1 the module answered with an error, 2 usage error,",
            "3 the port cannot be opened, the link was lost or a command timed out."})
public final class RootCommand implements Runnable {

    @Option(names = "--port", paramLabel = "URI", defaultValue = "${env:CELLBRIDGE_PORT:-/dev/ttyUSB2}",
            description = {"The module's AT port: a device path, serial:/dev/ttyUSB2?baud=921600&flow=rtscts,",
                "tcp://host:port, or sim: for an embedded simulator (sim:?route=VIP:VPORT=HOST:PORT&dns=NAME=VIP).",
                "Default: $CELLBRIDGE_PORT or /dev/ttyUSB2."})
    String port;

    @Option(names = "--verbose", description = "Show every command sent and the engine's log on stderr.")
    boolean verbose;

    final java.io.InputStream in;
    final PrintStream out;
    final PrintStream err;

    RootCommand(java.io.InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (e.g. at)");
    }

    /** Parses and runs; maps every failure to an exit code and one line on stderr. */
    public static int run(java.io.InputStream in, PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new RootCommand(in, out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("cellbridge: " + e.getMessage());
            err.println("Try 'cellbridge --help' or 'cellbridge at --help'.");
            return Cellbridge.USAGE;
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CliFailure failure) {
                err.println("cellbridge: " + failure.getMessage());
                return failure.exitCode;
            }
            err.println("cellbridge: unexpected failure: " + e);
            return Cellbridge.LINK_FAILURE;
        });
        return cl.execute(args);
    }
}
