package dev.cellbridge.cellular;

/**
 * Names shared by the cellular bundle's configurable OSGi components and their users: configuration PIDs (each
 * also the DS component name and the metatype OCD id) and service property names. See docs/configuration.md
 * for every attribute.
 */
public final class CellularComponents {

    /** Singleton PID of the modem component: opens the link, initializes the module, registers {@link Modem}. */
    public static final String MODEM_PID = "dev.cellbridge.cellular.modem";

    /** Singleton PID of the TCP/IP options component: the 14 {@code AT+QICFG} options ({@link ManagedTcpIpOptions}). */
    public static final String TCPIP_PID = "dev.cellbridge.cellular.tcpip";

    /** Factory PID of the PDP context component: one configuration per context ({@link ManagedPdpContext}). */
    public static final String CONTEXT_FACTORY_PID = "dev.cellbridge.cellular.context";

    /**
     * Service property (Boolean {@code true}) of the one service each configurable cellbridge component keeps
     * registered while it is active, next to its configuration's {@code service.pid} and {@code kura.service.pid}:
     * the Kura integration lists such components in the Kura console.
     */
    public static final String CONFIGURABLE = "cellbridge.configurable";

    /**
     * Service property of {@link ManagedModem}, {@link ManagedTcpIpOptions} and {@link ManagedPdpContext} (String):
     * why the component's latest configuration was rejected (naming the attribute, its value and what is allowed),
     * "" when the configuration in force is the latest one.
     */
    public static final String CONFIGURATION_PROBLEM = "configuration.problem";

    /** Service property: the modem's configured name (String), e.g. {@code modem}. */
    public static final String MODEM_NAME = "modem.name";

    /** Service property: the link the modem is driven over (String), e.g. {@code tcp://127.0.0.1:7000}. */
    public static final String LINK_URI = "link.uri";

    /** Service property: the {@link ModemState} name (String). */
    public static final String MODEM_STATE = "modem.state";

    /** Service property of {@link ManagedPdpContext}: the context ID, 1–5 (Integer). */
    public static final String CONTEXT_ID = "context.id";

    /** Service property of {@link ManagedPdpContext}: the {@link ManagedPdpContext.State} name (String). */
    public static final String CONTEXT_STATE = "context.state";

    /** Service property of {@link ManagedPdpContext}: the context's IPv4 address, "" when none (String). */
    public static final String CONTEXT_IPV4 = "context.ipv4";

    /** Service property of {@link ManagedPdpContext}: the context's IPv6 address, "" when none (String). */
    public static final String CONTEXT_IPV6 = "context.ipv6";

    private CellularComponents() {
    }
}
