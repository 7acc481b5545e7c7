package dev.cellbridge.at;

/** Why transparent data mode ended. */
public enum DataModeEnd {
    /** Left on request with {@code +++} (or DTR); the module answered OK; {@code ATO} resumes. */
    ESCAPED,
    /** The module reported {@code NO CARRIER}: the connection is gone; close it with {@code AT+QICLOSE}. */
    NO_CARRIER,
    /** The link to the module ended. */
    LINK_CLOSED
}
