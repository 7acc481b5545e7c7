package dev.cellbridge.serial;

import java.io.IOException;
import java.util.Objects;

/**
 * A link could not be opened or broke; the message names the port and the cause, and
 * {@link #reason()} classifies it (for exit codes and retry decisions).
 */
public class SerialLinkException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a link could not be opened or broke. */
    public enum Reason {
        /** The URI is malformed or has an unknown parameter or a bad value; retrying will not help. */
        BAD_URI,
        /** The device path does not exist (or no device answers behind it). */
        NO_SUCH_DEVICE,
        /** The path exists but is no serial device (a regular file, a directory, a non-terminal). */
        NOT_A_DEVICE,
        /** The process may not read and write the device. */
        PERMISSION_DENIED,
        /** Another program (or this one) has the port open. */
        BUSY,
        /** Nothing listens at the TCP address. */
        CONNECTION_REFUSED,
        /** The TCP host is unknown, unreachable or did not answer in time. */
        UNREACHABLE,
        /** An open link broke: device unplugged, read or write error, connection reset. */
        LINK_LOST,
        /** Anything else. */
        OTHER
    }

    private final String port;
    private final Reason reason;

    public SerialLinkException(String port, Reason reason, String message, Throwable cause) {
        super(port + ": " + message, cause);
        this.port = port;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SerialLinkException(String port, Reason reason, String message) {
        this(port, reason, message, null);
    }

    public SerialLinkException(String port, String message, Throwable cause) {
        this(port, Reason.OTHER, message, cause);
    }

    public SerialLinkException(String port, String message) {
        this(port, Reason.OTHER, message, null);
    }

    /** The port or URI concerned. */
    public String port() {
        return port;
    }

    /** What kind of failure this is. */
    public Reason reason() {
        return reason;
    }
}
