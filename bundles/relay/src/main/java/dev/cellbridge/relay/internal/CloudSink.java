package dev.cellbridge.relay.internal;

/**
 * Another way out for the relay's messages than its own MQTT client: Kura's cloud connection. Implementations turn
 * the message into the platform's format and return once the platform accepted it.
 */
interface CloudSink {

    /**
     * @param topic the topic below the relay's prefix, e.g. {@code urc/CLOSED}
     * @throws Exception when the platform refused it (the message stays queued and is tried again)
     */
    void publish(String topic, byte[] payload, int qos, boolean retained, String contentType) throws Exception;
}
