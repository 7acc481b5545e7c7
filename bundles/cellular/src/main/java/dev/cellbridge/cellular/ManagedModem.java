package dev.cellbridge.cellular;

import java.util.Optional;

/**
 * A modem configured through {@value CellularComponents#MODEM_PID}, registered for as long as the
 * configuration is active, whether or not the module can be reached (unlike the {@link Modem} service, which
 * exists only while the module answers). Service properties: {@code modem.name}, {@code link.uri},
 * {@code modem.state} ({@link ModemState} names, {@code GONE} included), {@code configuration.problem},
 * {@code cellbridge.configurable=true} and the configuration's {@code service.pid} / {@code kura.service.pid}.
 */
public interface ManagedModem {

    /** A consistent view of the modem component. */
    Status status();

    /** The modem while it is {@link ModemState#UP} (or unresponsive or rebooting), empty while it is gone. */
    Optional<Modem> modem();

    /**
     * What the component reports about its modem.
     *
     * @param name    the configured {@code modem.name}
     * @param linkUri the link it opens ({@code link.uri}, or the named serial link's URI once it is known)
     * @param state   the current state
     * @param problem why the modem is not up (the last link or initialization error, a rejected configuration),
     *                "" when there is none
     */
    record Status(String name, String linkUri, ModemState state, String problem) {
    }
}
