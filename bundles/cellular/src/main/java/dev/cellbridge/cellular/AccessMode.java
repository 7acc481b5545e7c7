package dev.cellbridge.cellular;

/** How a socket's data reaches the host (application note §1.2). */
public enum AccessMode {
    /** Data waits in the module; a {@code recv} URC says so; the host reads it with QIRD. */
    BUFFER(0),
    /** Data comes straight to the port in {@code +QIURC: "recv",<id>,<len>} URCs. */
    DIRECT_PUSH(1),
    /** The port carries the socket's bytes raw until {@code +++}. */
    TRANSPARENT(2);

    private final int code;

    AccessMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a number the note does not define */
    public static AccessMode of(int code) {
        for (AccessMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("access_mode must be 0 (buffer), 1 (direct push) or 2 (transparent): " + code);
    }
}
