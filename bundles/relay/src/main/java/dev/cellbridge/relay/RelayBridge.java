package dev.cellbridge.relay;

/**
 * One running socket bridge (registered by each {@code dev.cellbridge.relay.bridge} configuration): a module socket
 * kept open and relayed both ways to MQTT topics {@code bridge/<name>/...}.
 */
public interface RelayBridge {

    /** The bridge's name, its topic level. */
    String name();

    /** Whether its socket is open now. */
    boolean open();

    /** How often the socket was opened (1 after the first open, more after reopens). */
    long opens();
}
