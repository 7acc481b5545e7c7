package dev.cellbridge.at;

/** The link to the module ended while (or before) a command was in flight. */
public class AtLinkClosedException extends AtException {

    private static final long serialVersionUID = 1L;

    public AtLinkClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
