package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;

/** Short names of the PIDs for the tests. */
final class CellularPids {
    static final String MODEM = CellularComponents.MODEM_PID;
    static final String TCPIP = CellularComponents.TCPIP_PID;
    static final String CONTEXT = CellularComponents.CONTEXT_FACTORY_PID;

    private CellularPids() {
    }
}
