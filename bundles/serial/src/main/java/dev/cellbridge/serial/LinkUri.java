package dev.cellbridge.serial;

import dev.cellbridge.serial.internal.LinkUriParser;
import java.util.Objects;

/**
 * A parsed link URI: which port to open and how. The accepted forms are
 * <ul>
 *   <li>a device path, taken literally: {@code /dev/ttyUSB2}, {@code COM3};</li>
 *   <li>{@code serial:<path>[?name=value&...]} with the parameters {@code baud} (50..16000000),
 *       {@code databits} (5..8), {@code parity} ({@code none, even, odd, mark, space}),
 *       {@code stopbits} ({@code 1, 1.5, 2}) and {@code flow} ({@code none, rtscts, xonxoff});
 *       {@code serial:///dev/ttyUSB2} is accepted too;</li>
 *   <li>{@code tcp://host:port[?connecttimeout=ms]}: a raw TCP byte stream (ser2net, the simulator).</li>
 * </ul>
 * Parameter names are case-insensitive; unknown or repeated parameters and bad values are errors.
 */
public sealed interface LinkUri permits LinkUri.Serial, LinkUri.Tcp {

    /** Connect timeout of a {@code tcp://} link unless the URI gives one. */
    int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

    /**
     * Parses a link URI; serial parameters it leaves out take {@link LinkSettings#DEFAULT}.
     *
     * @throws SerialLinkException naming the URI and what is wrong with it
     */
    static LinkUri parse(String uri) throws SerialLinkException {
        return parse(uri, LinkSettings.DEFAULT);
    }

    /**
     * Parses a link URI; serial parameters it leaves out take the given defaults (parameters in the
     * URI win).
     *
     * @throws SerialLinkException naming the URI and what is wrong with it
     */
    static LinkUri parse(String uri, LinkSettings defaults) throws SerialLinkException {
        return LinkUriParser.parse(uri, defaults);
    }

    /** The canonical URI text, which {@link #parse(String)} turns back into an equal value. */
    String toUri();

    /**
     * A serial port opened through jSerialComm.
     *
     * @param device device path or port name, e.g. {@code /dev/ttyUSB2} or {@code COM3}
     * @param settings line settings
     */
    record Serial(String device, LinkSettings settings) implements LinkUri {
        public Serial {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(settings, "settings");
            if (device.isBlank()) {
                throw new IllegalArgumentException("empty device path");
            }
        }

        @Override
        public String toUri() {
            return "serial:" + device
                    + "?baud=" + settings.baud()
                    + "&databits=" + settings.dataBits()
                    + "&parity=" + settings.parity().token()
                    + "&stopbits=" + settings.stopBits().token()
                    + "&flow=" + settings.flowControl().token();
        }
    }

    /**
     * A raw TCP connection (ser2net, the simulator); TCP_NODELAY is set.
     *
     * @param host host name or address literal (IPv6 without brackets)
     * @param port 1..65535
     * @param connectTimeoutMs how long connecting may take, at least 1
     */
    record Tcp(String host, int port, int connectTimeoutMs) implements LinkUri {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("empty host");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " out of range 1..65535");
            }
            if (connectTimeoutMs < 1) {
                throw new IllegalArgumentException("connect timeout " + connectTimeoutMs + " ms must be at least 1");
            }
        }

        /** A TCP link with the default connect timeout. */
        public Tcp(String host, int port) {
            this(host, port, DEFAULT_CONNECT_TIMEOUT_MS);
        }

        @Override
        public String toUri() {
            String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            String text = "tcp://" + hostPart + ":" + port;
            return connectTimeoutMs == DEFAULT_CONNECT_TIMEOUT_MS ? text : text + "?connecttimeout=" + connectTimeoutMs;
        }
    }
}
