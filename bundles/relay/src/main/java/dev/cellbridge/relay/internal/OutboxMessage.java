package dev.cellbridge.relay.internal;

import java.util.Objects;

/**
 * One message in the store-and-forward queue.
 *
 * @param seq      its place in the queue; increases by one per message and survives restarts
 * @param topic    the full MQTT topic (prefix included)
 * @param qos      0–2
 * @param retained the MQTT retain flag
 * @param payload  the bytes
 */
record OutboxMessage(long seq, String topic, int qos, boolean retained, byte[] payload) {
    OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxMessage m && seq == m.seq && topic.equals(m.topic) && qos == m.qos
                && retained == m.retained && java.util.Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + topic.hashCode();
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + seq + " " + topic + ", " + payload.length + " bytes]";
    }
}
