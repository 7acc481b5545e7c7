package dev.cellbridge.cellular;

/**
 * One line of {@code AT+QISTATE}: {@code +QISTATE: <connectID>,<service_type>,<IP_address>,<remote_port>,
 * <local_port>,<socket_state>,<contextID>,<serverID>,<access_mode>,<AT_port>}.
 *
 * @param connectId   0–11
 * @param serviceType the service
 * @param address     the remote address (TCP, UDP, TCP INCOMING) or the local one (listeners, UDP SERVICE)
 * @param remotePort  the remote port, 0 for listeners and UDP SERVICE
 * @param localPort   the local port
 * @param status      initial, opening, connected, listening or closing
 * @param contextId   1–5
 * @param serverId    for TCP INCOMING, the listener's connectID; otherwise as reported
 * @param accessMode  buffer, direct push or transparent
 * @param atPort      the port the service reports to ("usbmodem", "usbat", "uart1")
 */
public record SocketState(int connectId, ServiceType serviceType, String address, int remotePort, int localPort,
        SocketStatus status, int contextId, int serverId, AccessMode accessMode, String atPort) {
}
