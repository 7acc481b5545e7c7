package dev.cellbridge.relay.internal;

import dev.cellbridge.cellular.SocketSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One socket bridge.
 *
 * @param name        names the bridge's topics ({@code bridge/<name>/...}) and thread
 * @param modemName   the modem to open the socket on
 * @param spec        what to open
 * @param reopenMin   first wait before reopening; doubles up to {@code reopenMax}
 * @param reopenMax   longest wait between reopen attempts
 * @param txBuffer    bytes from MQTT waiting for the socket, at most (beyond: refused with an error message)
 */
record BridgeSettings(String name, String modemName, SocketSpec spec, Duration reopenMin, Duration reopenMax,
        int txBuffer) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    BridgeSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bridge.name must be 1–64 characters of A-Z a-z 0-9 . _ - (a topic "
                    + "level): \"" + name + "\"");
        }
        Objects.requireNonNull(modemName, "modemName");
        Objects.requireNonNull(spec, "spec");
        if (reopenMin.isNegative() || reopenMin.isZero() || reopenMax.compareTo(reopenMin) < 0) {
            throw new IllegalArgumentException("reopen backoff must be positive with max >= min");
        }
        if (txBuffer < 1) {
            throw new IllegalArgumentException("tx buffer must be at least 1 byte: " + txBuffer);
        }
    }
}
