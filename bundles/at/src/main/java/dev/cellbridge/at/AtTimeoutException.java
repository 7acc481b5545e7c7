package dev.cellbridge.at;

import java.time.Duration;

/** The module did not answer a command (or a prompt, or an escape) in time. */
public class AtTimeoutException extends AtException {

    private static final long serialVersionUID = 1L;

    private final String command;
    private final Duration timeout;

    /**
     * @param command    what was waited for, as shown to people: a command line as {@link AtCommand#display()} gives
     *                   it (never one with its secrets), or a name such as {@code +++}
     * @param timeout    how long was waited
     * @param waitingFor what did not come, e.g. {@code final result}
     */
    public AtTimeoutException(String command, Duration timeout, String waitingFor) {
        super("no " + waitingFor + " for " + command + " within " + timeout.toMillis() + " ms");
        this.command = command;
        this.timeout = timeout;
    }

    /** The command as shown in the message (secrets masked). */
    public String command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }
}
