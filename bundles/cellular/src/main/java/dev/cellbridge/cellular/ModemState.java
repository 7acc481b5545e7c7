package dev.cellbridge.cellular;

/**
 * How a configured modem is doing, as the modem component publishes it: the {@code modem.state} property of
 * the {@link Modem} service ({@link #UP}, {@link #UNRESPONSIVE} or {@link #REBOOTING}; the service is
 * withdrawn while the modem is {@link #GONE}) and of the always-present {@link ManagedModem} service.
 */
public enum ModemState {
    /** The link is open and the module answered its initialization commands. */
    UP,
    /** Commands went unanswered in a row (as many as the reboot policy tolerates); a reboot is due. */
    UNRESPONSIVE,
    /** The reboot command was sent; the service is withdrawn and registered again once the module answers. */
    REBOOTING,
    /** No usable link (not configured, cannot be opened, lost, or the module does not answer). */
    GONE
}
