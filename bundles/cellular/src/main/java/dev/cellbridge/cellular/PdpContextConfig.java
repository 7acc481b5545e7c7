package dev.cellbridge.cellular;

import java.util.Objects;

/**
 * What {@code AT+QICSGP} sets for one context.
 *
 * @param contextId      1–5
 * @param type           IPv4, IPv6 or both
 * @param apn            the access point name ("" for the network's default), at most 99 bytes
 * @param username       at most 127 bytes (the application note's limit)
 * @param password       at most 127 bytes (the application note's limit); never logged ({@link #toString()} hides it)
 * @param authentication none, PAP, CHAP, or PAP or CHAP
 */
public record PdpContextConfig(int contextId, ContextType type, String apn, String username, String password,
        Authentication authentication) {

    /**
     * The application note gives no APN limit; 3GPP does (TS 23.003 §9.1, TS 24.008 §10.5.6.1): at most 100
     * octets in the network's encoding, where each label carries a length octet instead of a dot, which is 99
     * characters as written here. The simulator takes as many.
     */
    public static final int APN_MAX_BYTES = 99;
    /** The application note's limit for {@code <username>} and {@code <password>}. */
    public static final int LOGIN_MAX_BYTES = 127;

    public PdpContextConfig {
        checkContextId(contextId);
        Objects.requireNonNull(type, "type");
        apn = text("APN", apn, APN_MAX_BYTES);
        username = text("username", username, LOGIN_MAX_BYTES);
        password = text("password", password, LOGIN_MAX_BYTES);
        Objects.requireNonNull(authentication, "authentication");
    }

    /** An IPv4 context with this APN and no authentication. */
    public static PdpContextConfig ipv4(int contextId, String apn) {
        return new PdpContextConfig(contextId, ContextType.IPV4, apn, "", "", Authentication.NONE);
    }

    /** The {@code AT+QICSGP} write command. */
    public String command() {
        return "AT+QICSGP=" + contextId + "," + type.code() + ",\"" + apn + "\",\"" + username + "\",\"" + password
                + "\"," + authentication.code();
    }

    @Override
    public String toString() {
        return "PdpContextConfig[contextId=" + contextId + ", type=" + type + ", apn=" + apn + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "****") + ", authentication=" + authentication + "]";
    }

    static void checkContextId(int contextId) {
        if (contextId < 1 || contextId > 5) {
            throw new IllegalArgumentException("contextID " + contextId + " is out of range 1–5");
        }
    }

    /** The AT engine sends command lines as ISO-8859-1: one byte per character, none above U+00FF. */
    private static String text(String what, String value, int maxBytes) {
        Objects.requireNonNull(value, what);
        if (value.length() > maxBytes) {
            throw new IllegalArgumentException(what + " is longer than " + maxBytes + " bytes");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(what + " must not contain quotes or control characters");
            }
            if (c > 0xFF) {
                // the message must not show a password's characters
                throw new IllegalArgumentException(what + " has a character the AT command line cannot carry "
                        + "(only ISO-8859-1, U+0000–U+00FF) at index " + i);
            }
        }
        return value;
    }
}
