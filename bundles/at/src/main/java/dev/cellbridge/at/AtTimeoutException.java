package dev.cellbridge.at;

import java.time.Duration;

/** The module did not answer a command (or a prompt, or an escape) in time. */
public class AtTimeoutException extends AtException {

    private static final long serialVersionUID = 1L;

    private final String command;
    private final Duration timeout;

    public AtTimeoutException(String command, Duration timeout, String waitingFor) {
        super("no " + waitingFor + " for " + command + " within " + timeout.toMillis() + " ms");
        this.command = command;
        this.timeout = timeout;
    }

    public String command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }
}
