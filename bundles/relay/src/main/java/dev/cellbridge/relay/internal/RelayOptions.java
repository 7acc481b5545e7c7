package dev.cellbridge.relay.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The relay's own settings (the MQTT connection is {@link MqttSettings}).
 *
 * @param deviceId       names the device in {@code state} and the default topic prefix
 * @param prefix         MQTT topic prefix ending with '/'
 * @param qos            QoS of what the relay queues
 * @param modemName      the modem fleet commands and socket topics act on
 * @param eventQueue     events waiting for the relay's event thread, at most
 * @param outboxDir      the store-and-forward directory
 * @param outboxCapacity messages kept on disk, at most (oldest dropped beyond)
 * @param outboxFsync    force each message to the device
 * @param maxPayload     largest command body or tx payload accepted, bytes
 * @param atEnabled      whether {@code cmd/at} runs commands at all
 * @param atAllow        command prefixes {@code cmd/at} accepts (case-insensitive)
 * @param commandThreads threads running fleet commands
 */
record RelayOptions(String deviceId, String prefix, int qos, String modemName, int eventQueue, Path outboxDir,
        int outboxCapacity, boolean outboxFsync, int maxPayload, boolean atEnabled, List<String> atAllow,
        int commandThreads) {

    RelayOptions {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2: " + qos);
        }
        Objects.requireNonNull(modemName, "modemName");
        if (eventQueue < 1 || outboxCapacity < 1 || maxPayload < 1 || commandThreads < 1) {
            throw new IllegalArgumentException("queue sizes, payload limit and thread count must be positive");
        }
        Objects.requireNonNull(outboxDir, "outboxDir");
        atAllow = List.copyOf(atAllow);
    }

    /** Defaults for tests and the standalone case. */
    static RelayOptions defaults(String deviceId, Path outboxDir) {
        return new RelayOptions(deviceId, "cellbridge/" + deviceId + "/", 1, "modem", 10_000, outboxDir, 10_000, false,
                65_536, false, List.of("ATI", "AT+CSQ", "AT+QISTATE", "AT+QIACT?", "AT+QIGETERROR", "AT+QPING"), 2);
    }

    RelayOptions withAt(boolean enabled, List<String> allow) {
        return new RelayOptions(deviceId, prefix, qos, modemName, eventQueue, outboxDir, outboxCapacity, outboxFsync,
                maxPayload, enabled, allow, commandThreads);
    }

    RelayOptions withOutbox(int capacity, boolean fsync) {
        return new RelayOptions(deviceId, prefix, qos, modemName, eventQueue, outboxDir, capacity, fsync, maxPayload,
                atEnabled, atAllow, commandThreads);
    }

    RelayOptions withQos(int value) {
        return new RelayOptions(deviceId, prefix, value, modemName, eventQueue, outboxDir, outboxCapacity, outboxFsync,
                maxPayload, atEnabled, atAllow, commandThreads);
    }

    RelayOptions withEventQueue(int value) {
        return new RelayOptions(deviceId, prefix, qos, modemName, value, outboxDir, outboxCapacity, outboxFsync,
                maxPayload, atEnabled, atAllow, commandThreads);
    }
}
