package dev.cellbridge.cellular;

/** The protocol type of a PDP context ({@code <context_type>}). */
public enum ContextType {
    IPV4(1), IPV6(2), IPV4V6(3);

    private final int code;

    ContextType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a number the note does not define */
    public static ContextType of(int code) {
        for (ContextType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("context_type must be 1 (IPv4), 2 (IPv6) or 3 (IPv4v6): " + code);
    }
}
