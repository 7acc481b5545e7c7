package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.cellular.Modem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The Modem services present, in registration order (service.id), with the properties the modem component publishes
 * ({@code modem.name}, {@code link.uri}, {@code modem.state}). Thread-safe: DS binds on its threads while commands
 * read on the shell's.
 */
final class ModemDirectory {

    static final String NAME = "modem.name";
    static final String LINK_URI = "link.uri";
    static final String STATE = "modem.state";
    static final String SERVICE_ID = "service.id";

    /** One Modem service. */
    record Entry(long serviceId, String name, String linkUri, String state, Modem modem) {
        static Entry of(Modem modem, Map<String, ?> properties) {
            Object id = properties.get(SERVICE_ID);
            return new Entry(id instanceof Number n ? n.longValue() : System.identityHashCode(modem),
                string(properties, NAME, "modem"), string(properties, LINK_URI, "?"),
                string(properties, STATE, "UP"), modem);
        }

        private static String string(Map<String, ?> properties, String key, String fallback) {
            Object value = properties.get(key);
            return value == null || value.toString().isBlank() ? fallback : value.toString();
        }
    }

    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();

    /** Adds or updates a Modem service; returns the entry it replaced, or null. */
    Entry put(Modem modem, Map<String, ?> properties) {
        Entry entry = Entry.of(modem, properties);
        return entries.put(entry.serviceId(), entry);
    }

    /** Removes a Modem service; returns its entry, or null if it was not here. */
    Entry remove(Modem modem, Map<String, ?> properties) {
        return entries.remove(Entry.of(modem, properties).serviceId());
    }

    List<Entry> all() {
        return List.copyOf(entries.values());
    }

    /**
     * The modem called {@code name}, or when name is null the only one (the first when there are several).
     *
     * @throws IllegalStateException naming what is missing
     */
    Entry select(String name) {
        List<Entry> all = all();
        if (all.isEmpty()) {
            throw new IllegalStateException("no modem: no Modem service is registered (configure "
                + "dev.cellbridge.cellular.modem, and check that the module answers)");
        }
        if (name == null) {
            return all.get(0);
        }
        return all.stream().filter(e -> e.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no modem named '" + name + "' (modems: "
                + all.stream().map(Entry::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** Whether the entry's modem is still the one registered under its service id. */
    boolean isCurrent(Entry entry) {
        Entry now = entries.get(entry.serviceId());
        return now != null && Objects.equals(now.modem(), entry.modem());
    }
}
