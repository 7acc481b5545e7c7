package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinkException.Reason;
import java.util.Optional;

/**
 * Whether a link was closed locally or found broken, shared by the link and its streams so a read
 * after {@code close()} ends the stream (-1) while a read after a failure reports the failure.
 */
final class LinkState {

    private final String port;
    private boolean closed;
    private SerialLinkException broken;

    LinkState(String port) {
        this.port = port;
    }

    synchronized boolean isOpen() {
        return !closed && broken == null;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Marks the link closed locally; true the first time only. */
    synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Records the first failure (later ones are consequences) and returns it. */
    synchronized SerialLinkException markBroken(String message, Throwable cause) {
        if (broken == null) {
            broken = new SerialLinkException(port, Reason.LINK_LOST, message, cause);
        }
        return broken;
    }

    /** The failure that broke the link, or null. */
    synchronized SerialLinkException broken() {
        return broken;
    }

    /** Why the link is not open, or empty while it is. */
    synchronized Optional<String> problem() {
        if (broken != null) {
            return Optional.of(broken.getMessage());
        }
        return closed ? Optional.of(port + ": link is closed") : Optional.empty();
    }

    /** What an operation on a link that is no longer open should throw. */
    synchronized SerialLinkException notOpen() {
        return broken != null ? broken : new SerialLinkException(port, Reason.OTHER, "link is closed");
    }
}
