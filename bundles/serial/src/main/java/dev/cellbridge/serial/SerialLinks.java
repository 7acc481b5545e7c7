package dev.cellbridge.serial;

import dev.cellbridge.serial.internal.Cancellation;
import dev.cellbridge.serial.internal.LinkProviders;

/**
 * Opens {@link SerialLink}s from URIs. Usable without OSGi.
 *
 * <p>Accepted forms: a device path ({@code /dev/ttyUSB2}, {@code COM3}), {@code serial:/dev/ttyUSB2?baud=921600&flow=rtscts}
 * (parameters baud, databits, parity, stopbits, flow), {@code tcp://host:port}; see {@link LinkUri}.
 */
public final class SerialLinks {

    private SerialLinks() {
    }

    /**
     * Opens the link the URI names. The returned link's {@link SerialLink#uri()} is the given text.
     *
     * @throws SerialLinkException naming the port and the cause (no such device, permission denied,
     *         port busy, bad URI parameter, connection refused)
     */
    public static SerialLink open(String uri) throws SerialLinkException {
        return LinkProviders.open(LinkUri.parse(uri), uri, Cancellation.none());
    }

    /**
     * Opens a parsed link URI. The returned link's {@link SerialLink#uri()} is {@link LinkUri#toUri()}.
     *
     * @throws SerialLinkException naming the port and the cause
     */
    public static SerialLink open(LinkUri uri) throws SerialLinkException {
        return LinkProviders.open(uri, uri.toUri(), Cancellation.none());
    }
}
