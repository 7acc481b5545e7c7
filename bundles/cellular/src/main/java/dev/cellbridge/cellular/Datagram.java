package dev.cellbridge.cellular;

import java.util.Arrays;
import java.util.Objects;

/**
 * One UDP datagram received on (or to send from) a UDP socket, with the peer's address.
 *
 * @param data       the bytes (never modified by the modem)
 * @param remoteIp   the peer's address (dotted decimal)
 * @param remotePort the peer's port, 1–65535
 */
public record Datagram(byte[] data, String remoteIp, int remotePort) {

    public Datagram {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(remoteIp, "remoteIp");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && Arrays.equals(data, d.data) && remoteIp.equals(d.remoteIp)
                && remotePort == d.remotePort;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + remoteIp.hashCode() + remotePort;
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from/to " + remoteIp + ":" + remotePort + "]";
    }
}
