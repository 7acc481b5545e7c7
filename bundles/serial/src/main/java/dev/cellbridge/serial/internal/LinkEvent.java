package dev.cellbridge.serial.internal;

/** A state change of a kept link; each is reported once (a retry that fails the same way is no change). */
sealed interface LinkEvent {

    /** The link's name. */
    String name();

    /** The port opened and the service was registered. */
    record Opened(String name, String uri, String canonicalUri) implements LinkEvent {
    }

    /** The port cannot be opened, for a reason other than the last one reported; retrying with backoff. */
    record OpenFailed(String name, String message, long initialDelayMs, long maxDelayMs) implements LinkEvent {
    }

    /** The open link ended; the service was withdrawn and the port will be reopened. */
    record Lost(String name, String reason) implements LinkEvent {
    }

    /** The keeper stopped (deactivation); the port is closed and the service withdrawn. */
    record Stopped(String name) implements LinkEvent {
    }
}
