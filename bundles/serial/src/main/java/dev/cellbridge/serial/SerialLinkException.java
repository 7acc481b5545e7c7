package dev.cellbridge.serial;

import java.io.IOException;

/** A link could not be opened or broke; the message names the port and the cause. */
public class SerialLinkException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String port;

    public SerialLinkException(String port, String message, Throwable cause) {
        super(port + ": " + message, cause);
        this.port = port;
    }

    public SerialLinkException(String port, String message) {
        this(port, message, null);
    }

    /** The port or URI concerned. */
    public String port() {
        return port;
    }
}
