package dev.cellbridge.simulator.internal;

/** A command failed: answered ERROR (or +CME ERROR) and, for TCP/IP commands, recorded for QIGETERROR. */
final class AtException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ErrorCode error;

    AtException(ErrorCode error, String why) {
        super(why, null, false, false);
        this.error = error;
    }

    static AtException invalid(String why) {
        return new AtException(ErrorCode.INVALID_PARAMETERS, why);
    }
}
