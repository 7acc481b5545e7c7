package dev.cellbridge.gateway.internal;

import java.util.Optional;

/** The configuration a file in the configuration directory stands for, named by the file name. */
sealed interface ConfigId permits ConfigId.Singleton, ConfigId.Factory {

    /** Separator of factory PID and instance name, in file names and in the PIDs ConfigurationAdmin gives them. */
    String FACTORY_SEPARATOR = "~";

    /** The configuration's PID ({@code factoryPid~name} for a named factory configuration, as in CM 1.6). */
    String pid();

    /** {@code <pid>.<ext>}: the configuration of that PID. */
    record Singleton(String pid) implements ConfigId {
    }

    /** {@code <factoryPid>~<name>.<ext>}: the factory configuration of that name (CM 1.6 named factory configurations). */
    record Factory(String factoryPid, String name) implements ConfigId {
        @Override
        public String pid() {
            return factoryPid + FACTORY_SEPARATOR + name;
        }
    }

    /**
     * The configuration named by a file name without its extension, or empty when the name is not a usable PID
     * (empty, or a {@code ~} without a factory PID or a name on both sides, or more than one {@code ~}).
     */
    static Optional<ConfigId> fromBaseName(String baseName) {
        int separator = baseName.indexOf(FACTORY_SEPARATOR);
        if (separator < 0) {
            return baseName.isEmpty() ? Optional.empty() : Optional.of(new Singleton(baseName));
        }
        String factoryPid = baseName.substring(0, separator);
        String name = baseName.substring(separator + 1);
        if (factoryPid.isEmpty() || name.isEmpty() || name.contains(FACTORY_SEPARATOR)) {
            return Optional.empty();
        }
        return Optional.of(new Factory(factoryPid, name));
    }
}
