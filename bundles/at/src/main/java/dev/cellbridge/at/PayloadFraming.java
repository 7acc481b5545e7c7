package dev.cellbridge.at;

/**
 * What the engine must know about the module's settings to cut payloads out of the byte stream.
 *
 * <p>The engine follows these settings by itself from the commands it carries and their answers
 * ({@code AT+QICFG="viewmode"|"dataformat"|"recvind"|"formatcfg"}, {@code AT+QISDE}, {@code AT+QIOPEN},
 * {@code AT+QISWTMD}, {@code AT+QICLOSE}, {@code +QISTATE:} lines, {@code "incoming"} URCs, and
 * {@code RDY} which restores the defaults). A driver that knows better (because the module was set up
 * before the channel was opened) tells it here.
 */
public interface PayloadFraming {

    /** Data access modes of a socket. */
    enum AccessMode {
        BUFFER, PUSH, TRANSPARENT;

        /** The mode for the spec's {@code <access_mode>} number (0, 1, 2). */
        public static AccessMode of(int number) {
            return switch (number) {
                case 0 -> BUFFER;
                case 1 -> PUSH;
                case 2 -> TRANSPARENT;
                default -> throw new IllegalArgumentException("access mode must be 0, 1 or 2: " + number);
            };
        }
    }

    /** {@code AT+QICFG="viewmode"}: 0 header CRLF data, 1 header,data. */
    void viewMode(int mode);

    int viewMode();

    /** {@code AT+QICFG="dataformat"}: whether received data is given as hex digits. */
    void receiveHex(boolean hex);

    boolean receiveHex();

    /** {@code AT+QICFG="recvind"}: buffer-mode recv URCs carry the length. */
    void receiveIndication(boolean on);

    /** {@code AT+QISDE}: the module echoes QISEND data. */
    void sendEcho(boolean on);

    /** {@code AT+QICFG="formatcfg"}: 0 prompt {@code S3S4>}, 1 prompt {@code S3S4>S3S4}. */
    void promptFormat(int format);

    /** A socket is open with this access mode; {@code udpService} for "UDP SERVICE" (its payloads carry an address). */
    void socket(int connectId, AccessMode mode, boolean udpService);

    /** A socket was closed (its ID is free again). */
    void socketClosed(int connectId);

    /** The module restarted: every setting back to its default. */
    void reset();
}
