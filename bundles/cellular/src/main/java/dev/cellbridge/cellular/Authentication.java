package dev.cellbridge.cellular;

/** APN authentication ({@code <authentication>} of QICSGP). */
public enum Authentication {
    NONE(0), PAP(1), CHAP(2), PAP_OR_CHAP(3);

    private final int code;

    Authentication(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a number the note does not define */
    public static Authentication of(int code) {
        for (Authentication a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        throw new IllegalArgumentException("authentication must be 0 (none), 1 (PAP), 2 (CHAP) or 3 (PAP or CHAP): "
                + code);
    }
}
