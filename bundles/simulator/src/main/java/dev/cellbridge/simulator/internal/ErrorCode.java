package dev.cellbridge.simulator.internal;

/** The TCP/IP error codes of the application note's chapter 4 (Table 2), with the descriptions QIGETERROR prints. */
enum ErrorCode {
    SUCCESS(0, "Operation success"),
    UNKNOWN(550, "Unknown error"),
    BLOCKED(551, "Operation blocked"),
    INVALID_PARAMETERS(552, "Invalid parameters"),
    MEMORY_NOT_ENOUGH(553, "Memory not enough"),
    SOCKET_CREATE_FAILED(554, "Socket creation failed"),
    NOT_SUPPORTED(555, "Operation not supported"),
    SOCKET_BIND_FAILED(556, "Socket bind failed"),
    SOCKET_LISTEN_FAILED(557, "Socket listen failed"),
    SOCKET_WRITE_FAILED(558, "Socket write failed"),
    SOCKET_READ_FAILED(559, "Socket read failed"),
    SOCKET_ACCEPT_FAILED(560, "Socket accept failed"),
    PDP_OPEN_FAILED(561, "PDP context opening failed"),
    PDP_CLOSE_FAILED(562, "PDP context closure failed"),
    SOCKET_ID_USED(563, "Socket identity has been used"),
    DNS_BUSY(564, "DNS busy"),
    DNS_PARSE_FAILED(565, "DNS parse failed"),
    SOCKET_CONNECT_FAILED(566, "Socket connect failed"),
    SOCKET_CLOSED(567, "Socket has been closed"),
    BUSY(568, "Operation busy"),
    TIMEOUT(569, "Operation timeout"),
    PDP_BROKEN(570, "PDP context broken down"),
    // Seed note 2: Table 2 prints "PDP context broken down" for 571 but means "Cancel sending".
    CANCEL_SENDING(571, "Cancel sending"),
    NOT_ALLOWED(572, "Operation not allowed"),
    APN_NOT_CONFIGURED(573, "APN not configured"),
    PORT_BUSY(574, "Port busy");

    final int code;
    final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The QIGETERROR line in the form of the application note's example 3.8 ({@code 552, invalid parameters}). */
    String qigeterrorLine() {
        return "+QIGETERROR: " + code + ", " + description.toLowerCase(java.util.Locale.ROOT);
    }
}
