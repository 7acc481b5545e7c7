package dev.cellbridge.cli.internal.osgi;

import java.util.Map;
import java.util.Optional;

/**
 * The console's configuration, read from its properties with the metatype defaults for what is missing; values may
 * arrive as numbers or strings (configuration files).
 *
 * @param modemName the modem to follow, or empty for all
 * @param probe     the echo probe, if a host is configured
 */
record ConsoleSettings(Optional<String> modemName, Optional<Probe> probe) {

    static final String MODEM_NAME = "modem.name";
    static final String PROBE_HOST = "probe.host";
    static final String PROBE_PORT = "probe.port";
    static final String PROBE_INTERVAL = "probe.interval";
    static final String PROBE_CONTEXT = "probe.context";

    /**
     * @param host            echo server, as QIOPEN takes it
     * @param port            1–65535
     * @param intervalSeconds 1–3600
     * @param contextId       1–5
     */
    record Probe(String host, int port, int intervalSeconds, int contextId) {
    }

    /** @throws IllegalArgumentException naming the property and its range */
    static ConsoleSettings from(Map<String, ?> properties) {
        Optional<String> modem = string(properties, MODEM_NAME);
        Optional<String> host = string(properties, PROBE_HOST);
        int port = integer(properties, PROBE_PORT, 7, 1, 65535);
        int interval = integer(properties, PROBE_INTERVAL, 5, 1, 3600);
        int context = integer(properties, PROBE_CONTEXT, 1, 1, 5);
        if (host.isPresent() && (host.get().length() > 256 || host.get().chars().anyMatch(c -> c <= ' ' || c == '"'))) {
            throw new IllegalArgumentException("property '" + PROBE_HOST + "' must be an IP address or domain name of"
                + " at most 256 characters without spaces or quotes: \"" + host.get() + "\"");
        }
        return new ConsoleSettings(modem, host.map(h -> new Probe(h, port, interval, context)));
    }

    private static Optional<String> string(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }

    private static int integer(Map<String, ?> properties, String key, int fallback, int min, int max) {
        Object value = properties.get(key);
        long parsed;
        if (value == null || value.toString().isBlank()) {
            return fallback;
        } else if (value instanceof Number n) {
            parsed = n.longValue();
        } else {
            try {
                parsed = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("property '" + key + "' is '" + value + "', not a number (expected "
                    + min + " to " + max + ")");
            }
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("property '" + key + "' is " + parsed + " (expected " + min + " to "
                + max + ")");
        }
        return (int) parsed;
    }
}
