package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtException;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.ResultCode;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.QuectelError;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Set;

/**
 * Runs commands for the modem and turns refusals into {@link CellularException}s that carry the
 * module's {@code AT+QIGETERROR} code (asked right after the failure, as the note advises).
 */
public final class Commands {

    private final AtChannel channel;

    public Commands(AtChannel channel) {
        this.channel = channel;
    }

    public AtChannel channel() {
        return channel;
    }

    /** Runs the command; any result is returned (the caller judges it). */
    public AtResponse run(AtCommand command) throws CellularException {
        try {
            return channel.execute(command);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CellularException(command.display() + " interrupted", e);
        } catch (AtException e) {
            throw new CellularException(e.getMessage(), e);
        }
    }

    /**
     * Runs commands back to back while each ends with a result in {@code proceedOn} (see
     * {@link AtChannel#executeSequence}); the results are returned for the caller to judge.
     */
    public List<AtResponse> runSequence(List<AtCommand> commands, Set<ResultCode> proceedOn)
            throws CellularException {
        try {
            return channel.executeSequence(commands, proceedOn);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CellularException(e.getMessage(), e);
        } catch (AtException e) {
            throw new CellularException(e.getMessage(), e);
        }
    }

    /** Runs the command and requires success; on failure asks QIGETERROR for the reason. */
    public AtResponse require(AtCommand command) throws CellularException {
        AtResponse r = run(command);
        if (!r.isOk()) {
            throw refused(r);
        }
        return r;
    }

    public AtResponse require(String line) throws CellularException {
        return require(AtCommand.of(line));
    }

    /** The exception for a refused command, with the module's last TCP/IP error when it gives one. */
    public CellularException refused(AtResponse r) {
        QuectelError error = null;
        if (r.result().errorCode() >= 0) {
            error = QuectelError.of(r.result().errorCode()).orElse(null);
        }
        if (error == null) {
            error = lastErrorQuietly();
        }
        return new CellularException(r.command() + " answered " + r.result().text(), error);
    }

    /** {@code AT+QIGETERROR}, or null when it cannot be had. */
    public QuectelError lastErrorQuietly() {
        try {
            AtResponse r = channel.execute("AT+QIGETERROR");
            if (r.isOk()) {
                return r.line("+QIGETERROR:").map(l -> QuectelError.parse(l.text())).orElse(null);
            }
        } catch (AtException | InterruptedIOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
