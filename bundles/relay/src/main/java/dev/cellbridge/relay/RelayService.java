package dev.cellbridge.relay;

/**
 * The running relay (registered by the {@code dev.cellbridge.relay} component): what the module reports goes to
 * EventAdmin and MQTT, fleet commands come back.
 */
public interface RelayService {

    /** The relay's counters now. */
    RelayStatus status();

    /** The MQTT topic prefix in force, e.g. {@code cellbridge/gw-17/}. */
    String topicPrefix();
}
