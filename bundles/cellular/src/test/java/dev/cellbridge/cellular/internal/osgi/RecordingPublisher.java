package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.Modem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a keeper publishes: each publication with every property set it had, and whether it was withdrawn. */
final class RecordingPublisher implements ModemKeeper.Publisher {

    final List<Publication> publications = new CopyOnWriteArrayList<>();

    @Override
    public ModemKeeper.Publication publish(Modem modem, Map<String, Object> properties) {
        Publication p = new Publication(modem, properties);
        publications.add(p);
        return p;
    }

    /** The publications not withdrawn. */
    List<Publication> active() {
        return publications.stream().filter(p -> !p.withdrawn).toList();
    }

    static final class Publication implements ModemKeeper.Publication {
        final Modem modem;
        final List<Map<String, Object>> properties = new CopyOnWriteArrayList<>();
        volatile boolean withdrawn;

        Publication(Modem modem, Map<String, Object> initial) {
            this.modem = modem;
            properties.add(Map.copyOf(initial));
        }

        Map<String, Object> last() {
            return properties.get(properties.size() - 1);
        }

        @Override
        public void update(Map<String, Object> next) {
            properties.add(Map.copyOf(next));
        }

        @Override
        public void withdraw() {
            withdrawn = true;
        }
    }
}
