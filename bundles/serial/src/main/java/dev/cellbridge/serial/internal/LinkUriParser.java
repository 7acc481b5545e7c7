package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.LinkSettings;
import dev.cellbridge.serial.LinkUri;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinkException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses link URIs (see {@link LinkUri} for the grammar); every error names the URI and the problem. */
public final class LinkUriParser {

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):");
    private static final List<String> SERIAL_PARAMETERS = List.of("baud", "databits", "parity", "stopbits", "flow");
    private static final List<String> TCP_PARAMETERS = List.of("connecttimeout");
    private static final int MAX_CONNECT_TIMEOUT_MS = 600_000;

    private LinkUriParser() {
    }

    /** Parses {@code text}; serial parameters it leaves out take {@code defaults}. */
    public static LinkUri parse(String text, LinkSettings defaults) throws SerialLinkException {
        Objects.requireNonNull(text, "uri");
        Objects.requireNonNull(defaults, "defaults");
        String uri = text.strip();
        if (uri.isEmpty()) {
            throw bad(text, "empty link URI (expected a device path, serial:<path>?... or tcp://host:port)");
        }
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.lookingAt()) {
            return new LinkUri.Serial(uri, defaults); // a plain device path, taken literally
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        String rest = uri.substring(scheme.end());
        return switch (name) {
            case "serial" -> parseSerial(text, rest, defaults);
            case "tcp" -> parseTcp(text, uri);
            default -> throw bad(text, "unsupported scheme '" + scheme.group(1)
                    + ":' (expected a device path, serial:<path>?... or tcp://host:port)");
        };
    }

    private static LinkUri parseSerial(String text, String rest, LinkSettings defaults) throws SerialLinkException {
        String body = rest.startsWith("//") ? rest.substring(2) : rest;
        int q = body.indexOf('?');
        String device = q < 0 ? body : body.substring(0, q);
        if (device.isBlank()) {
            throw bad(text, "no device path after 'serial:' (e.g. serial:/dev/ttyUSB2?baud=115200)");
        }
        LinkSettings settings = defaults;
        for (Map.Entry<String, String> p : parameters(text, q < 0 ? "" : body.substring(q + 1)).entrySet()) {
            String value = p.getValue();
            settings = switch (p.getKey()) {
                case "baud" -> settings.withBaud(integer(text, "baud", value, LinkSettings.MIN_BAUD, LinkSettings.MAX_BAUD,
                        "an integer from " + LinkSettings.MIN_BAUD + " to " + LinkSettings.MAX_BAUD));
                case "databits" -> settings.withDataBits(integer(text, "databits", value, 5, 8, "5, 6, 7 or 8"));
                case "parity" -> settings.withParity(LinkSettings.Parity.fromToken(value)
                        .orElseThrow(() -> badValue(text, "parity", value, "none, even, odd, mark or space")));
                case "stopbits" -> settings.withStopBits(LinkSettings.StopBits.fromToken(value)
                        .orElseThrow(() -> badValue(text, "stopbits", value, "1, 1.5 or 2")));
                case "flow" -> settings.withFlowControl(LinkSettings.FlowControl.fromToken(value)
                        .orElseThrow(() -> badValue(text, "flow", value, "none, rtscts or xonxoff")));
                default -> throw unknown(text, p.getKey(), SERIAL_PARAMETERS, "");
            };
        }
        return new LinkUri.Serial(device, settings);
    }

    private static LinkUri parseTcp(String text, String uri) throws SerialLinkException {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw bad(text, "not a valid tcp URI (" + e.getReason() + "; expected tcp://host:port)");
        }
        if (parsed.getRawAuthority() == null) {
            throw bad(text, "expected tcp://host:port");
        }
        if (parsed.getRawUserInfo() != null) {
            throw bad(text, "user information is not supported in a tcp URI (expected tcp://host:port)");
        }
        String host = parsed.getHost();
        if (host == null || host.isBlank()) {
            throw bad(text, "missing or invalid host (expected tcp://host:port)");
        }
        if (parsed.getPort() < 0) {
            throw bad(text, "missing port (expected tcp://host:port)");
        }
        if (parsed.getPort() < 1 || parsed.getPort() > 65_535) {
            throw bad(text, "port " + parsed.getPort() + " out of range 1..65535");
        }
        String path = parsed.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw bad(text, "unexpected path '" + path + "' (expected tcp://host:port)");
        }
        if (parsed.getRawFragment() != null) {
            throw bad(text, "unexpected fragment '#" + parsed.getRawFragment() + "'");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int timeout = LinkUri.DEFAULT_CONNECT_TIMEOUT_MS;
        String query = parsed.getRawQuery();
        for (Map.Entry<String, String> p : parameters(text, query == null ? "" : query).entrySet()) {
            if (p.getKey().equals("connecttimeout")) {
                timeout = integer(text, "connecttimeout", p.getValue(), 1, MAX_CONNECT_TIMEOUT_MS,
                        "milliseconds from 1 to " + MAX_CONNECT_TIMEOUT_MS);
            } else if (SERIAL_PARAMETERS.contains(p.getKey())) {
                throw bad(text, "parameter '" + p.getKey()
                        + "' does not apply to tcp links (line settings belong to the serial server, e.g. ser2net)");
            } else {
                throw unknown(text, p.getKey(), TCP_PARAMETERS, " for tcp links");
            }
        }
        return new LinkUri.Tcp(host, parsed.getPort(), timeout);
    }

    /** name=value pairs separated by '&amp;'; names lower-cased; empty segments skipped. */
    private static Map<String, String> parameters(String text, String query) throws SerialLinkException {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw bad(text, "parameter without a name: '" + pair + "'");
            }
            String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (value.isEmpty()) {
                throw bad(text, "parameter '" + name + "' has no value (write " + name + "=<value>)");
            }
            if (result.put(name, value) != null) {
                throw bad(text, "parameter '" + name + "' given twice");
            }
        }
        return result;
    }

    private static int integer(String text, String name, String value, int min, int max, String expected)
            throws SerialLinkException {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw badValue(text, name, value, expected);
    }

    private static SerialLinkException badValue(String text, String name, String value, String expected) {
        return bad(text, "bad value '" + value + "' for parameter '" + name + "' (expected " + expected + ")");
    }

    private static SerialLinkException unknown(String text, String name, List<String> known, String where) {
        return bad(text, "unknown parameter '" + name + "'" + where + " (known: " + String.join(", ", known) + ")");
    }

    private static SerialLinkException bad(String text, String message) {
        return new SerialLinkException(text, Reason.BAD_URI, message);
    }
}
