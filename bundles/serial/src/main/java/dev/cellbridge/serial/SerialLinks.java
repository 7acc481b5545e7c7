package dev.cellbridge.serial;

/**
 * Opens {@link SerialLink}s from URIs. Usable without OSGi.
 *
 * <p>Accepted forms: a device path ({@code /dev/ttyUSB2}, {@code COM3}), {@code serial:/dev/ttyUSB2?baud=921600&flow=rtscts}
 * (parameters baud, databits, parity, stopbits, flow), {@code tcp://host:port}.
 */
public final class SerialLinks {

    private SerialLinks() {
    }

    /**
     * Opens the link the URI names.
     *
     * @throws SerialLinkException naming the port and the cause (no such device, permission denied,
     *         port busy, bad URI parameter, connection refused)
     */
    public static SerialLink open(String uri) throws SerialLinkException {
        throw new UnsupportedOperationException("implemented by the serial bundle work in progress");
    }
}
