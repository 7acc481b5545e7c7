package dev.cellbridge.gateway.internal;

import java.util.Map;

/** Where the configuration directory's files go: ConfigurationAdmin in the gateway, a map in tests. */
interface ConfigurationTarget {

    /**
     * Creates the configuration, or updates it when its properties differ from these.
     *
     * @return whether anything changed
     */
    boolean apply(ConfigId id, Map<String, Object> properties) throws Exception;

    /**
     * Deletes the configuration if it exists.
     *
     * @return whether there was one
     */
    boolean delete(ConfigId id) throws Exception;

    /**
     * Whether there is a configuration for this PID, or for a {@link ConfigId.Factory} any configuration of its
     * factory PID (whatever its name).
     */
    boolean configured(ConfigId id) throws Exception;
}
