package dev.cellbridge.cellular;

import java.util.Objects;

/**
 * Everything {@code AT+QIOPEN} takes (application note §2.3.7), validated against the note's ranges.
 *
 * @param contextId       1–5
 * @param serviceType     TCP, UDP, TCP LISTENER or UDP SERVICE (not TCP INCOMING)
 * @param remoteHost      IP address or domain name (at most 256 bytes); "127.0.0.1" for listeners and UDP SERVICE
 * @param remotePort      0–65535; required for TCP and UDP, 0 for listeners and UDP SERVICE
 * @param localPort       0–65535; 0 = automatic for clients; required for listeners and UDP SERVICE
 * @param accessMode      buffer, direct push or transparent
 * @param maxClients      TCP LISTENER only: most incoming connections, 0–11 (default 11)
 * @param connectTimeout  reconnection timeout 10–150 s, or 0 for none (default 0)
 */
public record SocketSpec(int contextId, ServiceType serviceType, String remoteHost, int remotePort, int localPort,
        AccessMode accessMode, int maxClients, int connectTimeout) {

    public SocketSpec {
        PdpContextConfig.checkContextId(contextId);
        Objects.requireNonNull(serviceType, "serviceType");
        if (serviceType == ServiceType.TCP_INCOMING) {
            throw new IllegalArgumentException("TCP INCOMING connections are accepted by a TCP LISTENER, never opened");
        }
        Objects.requireNonNull(remoteHost, "remoteHost");
        if (remoteHost.isEmpty() || remoteHost.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 256
                || remoteHost.indexOf('"') >= 0 || remoteHost.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            throw new IllegalArgumentException("remote host must be an IP address or domain name of 1–256 bytes "
                    + "without quotes or spaces: \"" + remoteHost + "\"");
        }
        port("remote_port", remotePort);
        port("local_port", localPort);
        boolean server = serviceType == ServiceType.TCP_LISTENER || serviceType == ServiceType.UDP_SERVICE;
        if (!server && remotePort == 0) {
            throw new IllegalArgumentException(serviceType.text() + " needs a remote port (1–65535)");
        }
        if (server && localPort == 0) {
            throw new IllegalArgumentException(serviceType.text() + " needs a local port (1–65535)");
        }
        Objects.requireNonNull(accessMode, "accessMode");
        if (maxClients < 0 || maxClients > 11) {
            throw new IllegalArgumentException("TCP_client_maxnum " + maxClients + " is out of range 0–11");
        }
        if (connectTimeout != 0 && (connectTimeout < 10 || connectTimeout > 150)) {
            throw new IllegalArgumentException("connect_timeout " + connectTimeout + " is out of range 10–150 (or 0)");
        }
    }

    /** A TCP client in buffer access mode. */
    public static SocketSpec tcp(int contextId, String host, int port) {
        return new SocketSpec(contextId, ServiceType.TCP, host, port, 0, AccessMode.BUFFER, 11, 0);
    }

    /** A UDP client in buffer access mode. */
    public static SocketSpec udp(int contextId, String host, int port) {
        return new SocketSpec(contextId, ServiceType.UDP, host, port, 0, AccessMode.BUFFER, 11, 0);
    }

    /** A TCP server on a local port, buffer access mode, up to 11 clients. */
    public static SocketSpec tcpListener(int contextId, int localPort) {
        return new SocketSpec(contextId, ServiceType.TCP_LISTENER, "127.0.0.1", 0, localPort, AccessMode.BUFFER, 11, 0);
    }

    /** A UDP service on a local port, buffer access mode. */
    public static SocketSpec udpService(int contextId, int localPort) {
        return new SocketSpec(contextId, ServiceType.UDP_SERVICE, "127.0.0.1", 0, localPort, AccessMode.BUFFER, 11, 0);
    }

    public SocketSpec withAccessMode(AccessMode mode) {
        return new SocketSpec(contextId, serviceType, remoteHost, remotePort, localPort, mode, maxClients,
                connectTimeout);
    }

    public SocketSpec withLocalPort(int port) {
        return new SocketSpec(contextId, serviceType, remoteHost, remotePort, port, accessMode, maxClients,
                connectTimeout);
    }

    public SocketSpec withMaxClients(int max) {
        return new SocketSpec(contextId, serviceType, remoteHost, remotePort, localPort, accessMode, max,
                connectTimeout);
    }

    public SocketSpec withConnectTimeout(int seconds) {
        return new SocketSpec(contextId, serviceType, remoteHost, remotePort, localPort, accessMode, maxClients,
                seconds);
    }

    /** The {@code AT+QIOPEN} write command for a connectID. */
    public String command(int connectId) {
        StringBuilder sb = new StringBuilder("AT+QIOPEN=").append(contextId).append(',').append(connectId)
                .append(",\"").append(serviceType.text()).append("\",\"").append(remoteHost).append("\",")
                .append(remotePort).append(',').append(localPort).append(',').append(accessMode.code());
        if (serviceType == ServiceType.TCP_LISTENER || connectTimeout != 0) {
            sb.append(',').append(maxClients);
        }
        if (connectTimeout != 0) {
            sb.append(',').append(connectTimeout);
        }
        return sb.toString();
    }

    private static void port(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is out of range 0–65535");
        }
    }
}
