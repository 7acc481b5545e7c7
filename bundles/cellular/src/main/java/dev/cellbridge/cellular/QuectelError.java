package dev.cellbridge.cellular;

import java.util.Locale;
import java.util.Optional;

/**
 * The TCP/IP error codes of the application note's chapter 4, as {@code AT+QIGETERROR} and the
 * {@code <err>} fields of URCs report them. 571 is "Cancel sending" (the note's table repeats 570's
 * description for it by mistake; DESIGN.md seed note 2).
 */
public enum QuectelError {
    OPERATION_SUCCESS(0, "Operation success"),
    UNKNOWN_ERROR(550, "Unknown error"),
    OPERATION_BLOCKED(551, "Operation blocked"),
    INVALID_PARAMETERS(552, "Invalid parameters"),
    MEMORY_NOT_ENOUGH(553, "Memory not enough"),
    SOCKET_CREATION_FAILED(554, "Socket creation failed"),
    OPERATION_NOT_SUPPORTED(555, "Operation not supported"),
    SOCKET_BIND_FAILED(556, "Socket bind failed"),
    SOCKET_LISTEN_FAILED(557, "Socket listen failed"),
    SOCKET_WRITE_FAILED(558, "Socket write failed"),
    SOCKET_READ_FAILED(559, "Socket read failed"),
    SOCKET_ACCEPT_FAILED(560, "Socket accept failed"),
    PDP_CONTEXT_OPENING_FAILED(561, "PDP context opening failed"),
    PDP_CONTEXT_CLOSURE_FAILED(562, "PDP context closure failed"),
    SOCKET_IDENTITY_USED(563, "Socket identity has been used"),
    DNS_BUSY(564, "DNS busy"),
    DNS_PARSE_FAILED(565, "DNS parse failed"),
    SOCKET_CONNECT_FAILED(566, "Socket connect failed"),
    SOCKET_CLOSED(567, "Socket has been closed"),
    OPERATION_BUSY(568, "Operation busy"),
    OPERATION_TIMEOUT(569, "Operation timeout"),
    PDP_CONTEXT_BROKEN_DOWN(570, "PDP context broken down"),
    CANCEL_SENDING(571, "Cancel sending"),
    OPERATION_NOT_ALLOWED(572, "Operation not allowed"),
    APN_NOT_CONFIGURED(573, "APN not configured"),
    PORT_BUSY(574, "Port busy");

    private final int code;
    private final String description;

    QuectelError(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The error with this code, if the note defines it. */
    public static Optional<QuectelError> of(int code) {
        for (QuectelError e : values()) {
            if (e.code == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses an {@code AT+QIGETERROR} answer, {@code +QIGETERROR: <err>,<description>}, with or without
     * a space and in any case (the note's own example is {@code 552, invalid parameters}; seed note 3).
     *
     * @throws IllegalArgumentException naming the line when it is not such an answer or the code is unknown
     */
    public static QuectelError parse(String line) {
        String prefix = "+QIGETERROR:";
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("not a +QIGETERROR line: " + line);
        }
        String rest = line.substring(prefix.length()).trim();
        int comma = rest.indexOf(',');
        String number = (comma < 0 ? rest : rest.substring(0, comma)).trim();
        try {
            int code = Integer.parseInt(number);
            return of(code).orElseThrow(() -> new IllegalArgumentException("unknown TCP/IP error code " + code
                    + " in: " + line));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no error code in: " + line, e);
        }
    }

    @Override
    public String toString() {
        return code + " (" + description.toLowerCase(Locale.ROOT) + ")";
    }
}
