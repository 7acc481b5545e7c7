package dev.cellbridge.relay.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The configurations {@code cmd/config} reads and writes (ConfigurationAdmin in OSGi). */
interface ConfigStore {

    /** One configuration: its pid, factory pid (null for a singleton) and properties. */
    record Config(String pid, String factoryPid, Map<String, Object> properties) {
    }

    /** The configuration with this pid, or every configuration of this factory pid. */
    List<Config> get(String pid) throws IOException;

    /**
     * Merges properties into the configuration with {@code pid} (created when absent); with a {@code factoryPid} and
     * no pid, creates a new factory configuration.
     *
     * @return the configuration's pid
     */
    String set(String pid, String factoryPid, Map<String, Object> properties) throws IOException;
}
