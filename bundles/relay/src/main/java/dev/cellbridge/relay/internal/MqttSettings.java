package dev.cellbridge.relay.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay talks to its MQTT broker.
 *
 * @param brokerUrl          e.g. {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId           MQTT client id (1–65535 bytes; brokers may want at most 23)
 * @param username           empty for none
 * @param password           already decoded; empty for none; never logged
 * @param trustStore         path of a trust store for {@code ssl://}, empty for the JVM's
 * @param trustStorePassword the trust store's password, empty for none; never logged
 * @param qos                0–2 for everything the relay publishes and subscribes
 * @param cleanSession       MQTT clean session
 * @param keepAliveSeconds   0–65535
 * @param prefix             topic prefix ending with '/'
 * @param reconnectMin       first wait after a failed connect; doubles up to {@code reconnectMax}
 * @param reconnectMax       longest wait between connects
 */
record MqttSettings(String brokerUrl, String clientId, String username, String password, String trustStore,
        String trustStorePassword, int qos, boolean cleanSession, int keepAliveSeconds, String prefix,
        Duration reconnectMin, Duration reconnectMax) {

    MqttSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("MQTT client id must not be empty");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        trustStore = trustStore == null ? "" : trustStore;
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("MQTT QoS must be 0, 1 or 2: " + qos);
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("MQTT keepalive must be 0–65535 s: " + keepAliveSeconds);
        }
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException("topic prefix must not contain MQTT wildcards: " + prefix);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        if (reconnectMin.isNegative() || reconnectMin.isZero() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnect backoff must be positive with max >= min: " + reconnectMin
                    + ", " + reconnectMax);
        }
    }

    /** Without secrets, for logs. */
    @Override
    public String toString() {
        return "MqttSettings[" + brokerUrl + ", clientId " + clientId + ", user " + (username.isEmpty() ? "-" : username)
                + ", password " + (password.isEmpty() ? "none" : "set") + ", qos " + qos + ", cleanSession "
                + cleanSession + ", keepalive " + keepAliveSeconds + " s, prefix " + prefix + "]";
    }
}
