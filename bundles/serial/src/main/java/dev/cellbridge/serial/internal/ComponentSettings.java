package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.LinkSettings;
import dev.cellbridge.serial.LinkUri;
import dev.cellbridge.serial.SerialLinkException;
import java.util.Map;
import java.util.Optional;

/**
 * A serial link component's configuration, read from its properties with the metatype defaults
 * for what is missing. Values may arrive as numbers or strings (file-based configuration).
 *
 * @param uri the configured URI text (published as {@code link.uri})
 * @param name the link's name (published as {@code link.name}): {@code kura.service.pid}, else {@code service.pid}, else the URI
 * @param target what to open: the URI with the attributes filling in what it leaves out
 * @param backoff reopen delays
 */
record ComponentSettings(String uri, String name, LinkUri target, Backoff backoff) {

    static final String URI = "uri";
    static final String BAUD = "baud";
    static final String DATA_BITS = "dataBits";
    static final String PARITY = "parity";
    static final String STOP_BITS = "stopBits";
    static final String FLOW_CONTROL = "flowControl";
    static final String REOPEN_INITIAL_DELAY_MS = "reopenInitialDelayMs";
    static final String REOPEN_MAX_DELAY_MS = "reopenMaxDelayMs";

    private static final long MIN_DELAY_MS = 10;

    /** @throws IllegalArgumentException naming the property and what is wrong with it */
    static ComponentSettings from(Map<String, ?> properties) {
        String uri = string(properties, URI).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "property 'uri' is required (a device path, serial:<path>?... or tcp://host:port)"));
        LinkSettings attributes = new LinkSettings(
                integer(properties, BAUD, LinkSettings.DEFAULT.baud(), LinkSettings.MIN_BAUD, LinkSettings.MAX_BAUD),
                integer(properties, DATA_BITS, LinkSettings.DEFAULT.dataBits(), 5, 8),
                token(properties, PARITY, LinkSettings.Parity::fromToken, LinkSettings.DEFAULT.parity(),
                        "none, even, odd, mark or space"),
                token(properties, STOP_BITS, LinkSettings.StopBits::fromToken, LinkSettings.DEFAULT.stopBits(),
                        "1, 1.5 or 2"),
                token(properties, FLOW_CONTROL, LinkSettings.FlowControl::fromToken,
                        LinkSettings.DEFAULT.flowControl(), "none, rtscts or xonxoff"));
        long initial = integer(properties, REOPEN_INITIAL_DELAY_MS, 1_000L);
        long max = integer(properties, REOPEN_MAX_DELAY_MS, 60_000L);
        if (initial < MIN_DELAY_MS) {
            throw new IllegalArgumentException("property '" + REOPEN_INITIAL_DELAY_MS + "' is " + initial
                    + "; it must be at least " + MIN_DELAY_MS);
        }
        if (max < initial) {
            throw new IllegalArgumentException("property '" + REOPEN_MAX_DELAY_MS + "' (" + max
                    + ") must be at least '" + REOPEN_INITIAL_DELAY_MS + "' (" + initial + ")");
        }
        LinkUri target;
        try {
            target = LinkUri.parse(uri, attributes);
        } catch (SerialLinkException e) {
            throw new IllegalArgumentException("bad property 'uri': " + e.getMessage(), e);
        }
        String name = string(properties, "kura.service.pid")
                .or(() -> string(properties, "service.pid"))
                .orElse(uri);
        return new ComponentSettings(uri, name, target, new Backoff(initial, max));
    }

    private static Optional<String> string(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString().strip());
    }

    private static int integer(Map<String, ?> properties, String key, int fallback, int min, int max) {
        long value = integer(properties, key, (long) fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException("property '" + key + "' is " + value + " (expected " + min + " to " + max + ")");
        }
        return (int) value;
    }

    private static long integer(Map<String, ?> properties, String key, long fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + key + "' is '" + value + "', not an integer", e);
        }
    }

    private static <T> T token(Map<String, ?> properties, String key,
            java.util.function.Function<String, Optional<T>> lookup, T fallback, String expected) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        return lookup.apply(value.toString()).orElseThrow(() -> new IllegalArgumentException(
                "property '" + key + "' is '" + value + "' (expected " + expected + ")"));
    }
}
