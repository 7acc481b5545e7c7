package dev.cellbridge.at;

/** Thrown by {@link AtResponse#requireOk()}: the module answered with an error result. */
public class AtCommandFailedException extends AtException {

    private static final long serialVersionUID = 1L;

    private final transient AtResponse response;

    public AtCommandFailedException(AtResponse response) {
        super(response.command() + " failed: " + response.result().text());
        this.response = response;
    }

    public AtResponse response() {
        return response;
    }
}
