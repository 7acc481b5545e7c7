package dev.cellbridge.cellular;

/**
 * A PDP context kept as configured through the factory {@value CellularComponents#CONTEXT_FACTORY_PID}: one
 * registered service per configuration. Service properties (updated in place on every change):
 * {@code modem.name} ("" while no modem is bound), {@code context.id} (Integer), {@code context.state}
 * ({@link State} names), {@code context.ipv4} and {@code context.ipv6} ("" when none),
 * {@code configuration.problem}, {@code cellbridge.configurable=true} and the configuration's public
 * properties. Never the password.
 */
public interface ManagedPdpContext {

    /** What the component knows of its context. */
    enum State {
        /** Not active: activation is off, no modem is bound, or the network deactivated it and no retry is configured. */
        INACTIVE,
        /** Being configured and activated. */
        ACTIVATING,
        /** Active on the module. */
        ACTIVE,
        /** Lost (the network deactivated it) or an activation failed: the next attempt is scheduled with backoff. */
        REACTIVATING,
        /** Given up: the module refused the configuration or activation with no retry configured, or another configuration manages this context ID. */
        FAILED
    }

    /** A consistent view of the context. */
    Status status();

    /**
     * One view of a managed context.
     *
     * @param modemName the bound modem's {@code modem.name}, "" while none is bound
     * @param contextId 1–5
     * @param state     the state
     * @param ipv4      the IPv4 address while active, "" otherwise
     * @param ipv6      the IPv6 address while active, "" otherwise
     * @param problem   why the context is not active as configured (the last error), "" when there is none
     */
    record Status(String modemName, int contextId, State state, String ipv4, String ipv6, String problem) {
    }
}
