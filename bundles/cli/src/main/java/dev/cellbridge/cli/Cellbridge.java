package dev.cellbridge.cli;

import dev.cellbridge.cli.internal.RootCommand;
import java.io.PrintStream;

/**
 * Runs the {@code cellbridge} command line in-process.
 *
 * <p>Exit codes: {@value #OK} success; {@value #MODULE_ERROR} the module answered with an error;
 * {@value #USAGE} usage error; {@value #LINK_FAILURE} the port cannot be opened, the link was lost or
 * a command timed out. Errors are one line on {@code err} naming the problem.
 */
public final class Cellbridge {

    public static final int OK = 0;
    public static final int MODULE_ERROR = 1;
    public static final int USAGE = 2;
    public static final int LINK_FAILURE = 3;

    private Cellbridge() {
    }

    /** Runs one command line with no standard input; returns its exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(java.io.InputStream.nullInputStream(), out, err, args);
    }

    /** Runs one command line; {@code in} is its standard input (what {@code nc} sends). Returns its exit code. */
    public static int run(java.io.InputStream in, PrintStream out, PrintStream err, String... args) {
        return RootCommand.run(in, out, err, args);
    }
}
