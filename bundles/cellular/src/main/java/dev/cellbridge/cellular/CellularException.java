package dev.cellbridge.cellular;

import java.io.IOException;
import java.util.Optional;

/**
 * The module refused or failed an operation. Names the command and, where the module said, the
 * TCP/IP error ({@link #error()}).
 */
public class CellularException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient QuectelError error;

    public CellularException(String message, QuectelError error, Throwable cause) {
        super(error == null ? message : message + ": " + error, cause);
        this.error = error;
    }

    public CellularException(String message, QuectelError error) {
        this(message, error, null);
    }

    public CellularException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** The module's TCP/IP error code, when it gave one. */
    public Optional<QuectelError> error() {
        return Optional.ofNullable(error);
    }
}
