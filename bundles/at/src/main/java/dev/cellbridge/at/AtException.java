package dev.cellbridge.at;

import java.io.IOException;

/** A command could not be carried out by the channel (timeout, link gone, wrong state). */
public class AtException extends IOException {

    private static final long serialVersionUID = 1L;

    public AtException(String message) {
        super(message);
    }

    public AtException(String message, Throwable cause) {
        super(message, cause);
    }
}
