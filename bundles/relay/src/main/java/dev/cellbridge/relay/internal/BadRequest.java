package dev.cellbridge.relay.internal;

/** A fleet command or inbound message the relay refuses; the message names the problem and goes into the reply. */
final class BadRequest extends Exception {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
