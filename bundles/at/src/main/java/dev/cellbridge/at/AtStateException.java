package dev.cellbridge.at;

/** The channel cannot run a command now, e.g. while it is in transparent data mode. */
public class AtStateException extends AtException {

    private static final long serialVersionUID = 1L;

    public AtStateException(String message) {
        super(message);
    }
}
