package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import java.util.Map;

/** Makes an open link available to others (in OSGi: registers it as a service). */
interface LinkPublisher {

    /** Publishes {@code link} with the given service properties until the publication is withdrawn. */
    Publication publish(SerialLink link, Map<String, Object> properties);

    /** A published link. */
    interface Publication {
        /** Stops offering the link. Idempotent. */
        void withdraw();
    }
}
