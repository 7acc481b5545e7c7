package dev.cellbridge.at;

/** The final result codes that end a command. */
public enum ResultCode {
    OK,
    ERROR,
    /** {@code +CME ERROR: <n>}. */
    CME_ERROR,
    /** {@code +CMS ERROR: <n>}. */
    CMS_ERROR,
    /** {@code SEND OK}: QISEND data accepted into the module's buffer (not yet acknowledged by the peer). */
    SEND_OK,
    /** {@code SEND FAIL}: the module's send buffer is full; retry later. */
    SEND_FAIL,
    /** {@code CONNECT}: the channel is now in transparent data mode. */
    CONNECT,
    /** {@code NO CARRIER}. */
    NO_CARRIER,
    /** Not a module result: the engine cancelled a payload with Esc and the module answered nothing. */
    CANCELLED;

    /** True for the results that mean the command did what was asked. */
    public boolean isSuccess() {
        return this == OK || this == SEND_OK || this == CONNECT;
    }
}
