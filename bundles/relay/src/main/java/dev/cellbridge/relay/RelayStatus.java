package dev.cellbridge.relay;

/**
 * The relay's counters at one moment.
 *
 * @param mqttConnected    whether the MQTT client is connected (always false when publishing through Kura)
 * @param eventsPosted     events handed to EventAdmin
 * @param eventsDropped    events dropped because the relay's event queue was full (should stay 0)
 * @param outboxQueued     messages waiting in the store-and-forward queue on disk
 * @param outboxDropped    oldest messages dropped because the queue was full
 * @param published        messages the broker (or Kura's cloud publisher) accepted
 * @param commandsAnswered fleet commands answered (successfully or not)
 */
public record RelayStatus(boolean mqttConnected, long eventsPosted, long eventsDropped, int outboxQueued,
        long outboxDropped, long published, long commandsAnswered) {
}
