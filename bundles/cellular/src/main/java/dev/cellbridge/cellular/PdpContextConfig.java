package dev.cellbridge.cellular;

import java.util.Objects;

/**
 * What {@code AT+QICSGP} sets for one context.
 *
 * @param contextId      1–5
 * @param type           IPv4, IPv6 or both
 * @param apn            the access point name ("" for the network's default)
 * @param username       at most 127 bytes
 * @param password       at most 127 bytes; never logged ({@link #toString()} hides it)
 * @param authentication none, PAP, CHAP, or PAP or CHAP
 */
public record PdpContextConfig(int contextId, ContextType type, String apn, String username, String password,
        Authentication authentication) {

    public PdpContextConfig {
        checkContextId(contextId);
        Objects.requireNonNull(type, "type");
        apn = text("APN", apn, 100);
        username = text("username", username, 127);
        password = text("password", password, 127);
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

    private static String text(String what, String value, int maxBytes) {
        Objects.requireNonNull(value, what);
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
            throw new IllegalArgumentException(what + " is longer than " + maxBytes + " bytes");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(what + " must not contain quotes or control characters");
            }
        }
        return value;
    }
}
