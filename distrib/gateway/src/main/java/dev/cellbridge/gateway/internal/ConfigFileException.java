package dev.cellbridge.gateway.internal;

/** A configuration file that cannot be applied; the message names the file and the problem. */
final class ConfigFileException extends Exception {

    ConfigFileException(String message) {
        super(message);
    }

    ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
