package dev.cellbridge.cellular;

import java.util.Optional;

/**
 * The {@code AT+QICFG} options configured through {@value CellularComponents#TCPIP_PID}, registered while that
 * configuration is active. The options are applied to the bound {@link Modem} at once and again each time a
 * Modem service appears (the module forgets them when it restarts). Service properties:
 * {@code cellbridge.configurable=true}, {@code configuration.problem}, the configuration's public properties, and
 * {@code modem.name} of the modem that has the options in force ("" while none has, e.g. while they are being
 * applied or when the module refused them).
 */
public interface ManagedTcpIpOptions {

    /** The options in force: the last configuration that passed validation; empty until one did. */
    Optional<TcpIpOptions> options();

    /** The {@code modem.name} of the modem that has the options in force, "" while none has. */
    String appliedTo();
}
