package dev.cellbridge.cli.internal;

/** Ends a command with an exit code and one line for stderr. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int exitCode;

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    CliFailure(int exitCode, String message) {
        this(exitCode, message, null);
    }
}
