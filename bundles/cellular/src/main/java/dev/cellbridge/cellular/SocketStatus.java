package dev.cellbridge.cellular;

/** {@code <socket_state>} of QISTATE. */
public enum SocketStatus {
    INITIAL(0), OPENING(1), CONNECTED(2), LISTENING(3), CLOSING(4);

    private final int code;

    SocketStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a number the note does not define */
    public static SocketStatus of(int code) {
        for (SocketStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("socket_state must be 0–4: " + code);
    }
}
