package dev.cellbridge.relay;

/**
 * The EventAdmin topics the relay posts and the names of their properties (DESIGN.md, "relay"). Every event
 * carries {@link #MODEM}; the URC topics carry {@link #URC} and the fields parsed from the URC.
 */
public final class RelayTopics {

    /** Prefix of the URC topics; the URC's name (CLOSED, RECV, INCOMING, ...) follows. */
    public static final String URC_PREFIX = "dev/cellbridge/urc/";
    /** Every URC topic, for a handler's {@code event.topics}. */
    public static final String URC_ALL = "dev/cellbridge/urc/*";
    /** Data received on a socket the relay reads. */
    public static final String SOCKET_DATA = "dev/cellbridge/socket/DATA";
    /** A socket changed state. */
    public static final String SOCKET_STATE = "dev/cellbridge/socket/STATE";
    /** A PDP context changed state. */
    public static final String CONTEXT_STATE = "dev/cellbridge/context/STATE";
    /** A modem came up, became unresponsive, is rebooting or is gone. */
    public static final String MODEM_STATE = "dev/cellbridge/modem/STATE";

    /** The modem's name (String). */
    public static final String MODEM = "modem";
    /** The URC line as the module sent it (String). */
    public static final String URC = "urc";
    /** Socket connectID 0–11 (Integer). */
    public static final String CONNECT_ID = "connectId";
    /** PDP context 1–5 (Integer). */
    public static final String CONTEXT_ID = "contextId";
    /** A listener's connectID (Integer). */
    public static final String SERVER_ID = "serverId";
    /** The peer's address (String). */
    public static final String REMOTE_IP = "remoteIp";
    /** The peer's port (Integer). */
    public static final String REMOTE_PORT = "remotePort";
    /** The module's error code, 0 for success (Integer). */
    public static final String ERROR = "error";
    /** Announced data length (Integer). */
    public static final String LENGTH = "length";
    /** Bytes (byte[]). */
    public static final String DATA = "data";
    /** Socket service type as the module spells it, e.g. "TCP LISTENER" (String). */
    public static final String SERVICE_TYPE = "serviceType";
    /** The new state (String). */
    public static final String STATE = "state";
    /** IPv4 address, "" when none (String). */
    public static final String IPV4 = "ipv4";
    /** IPv6 address, "" when none (String). */
    public static final String IPV6 = "ipv6";
    /** Why the state changed (String). */
    public static final String REASON = "reason";

    private RelayTopics() {
    }
}
