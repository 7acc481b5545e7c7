package dev.cellbridge.at.internal;

/**
 * Where the {@link Framer} sends what it recognizes, and what it asks about the conversation.
 * Called on the reader thread only.
 */
interface FramerSink {

    /**
     * The current command epoch: it grows each time a command is sent. A line that began in an
     * earlier epoch cannot be the answer to the command now in flight.
     */
    long epoch();

    /** A complete line without CR/LF (never empty), with the epoch its first byte was read in. */
    void line(String line, long epoch);

    /** A header line and the raw payload that followed it. */
    void payloadLine(String header, byte[] payload, long epoch);

    /**
     * A {@code >} at the start of a line: the prompt if the command in flight expects one, which the
     * sink then takes (in one step, so the command cannot change in between).
     *
     * @return whether it was the prompt
     */
    boolean prompt();

    /** Transparent mode ended by {@code NO CARRIER}, or by the {@code OK} answering an escape. */
    void dataModeEnded(boolean noCarrier);

    /** A line longer than the maximum was dropped. */
    void overlongLine();

    /** A hex payload had invalid digits; it is delivered undecoded. */
    void malformedPayload(String header);

    /** Whether the {@code OK} of an escape is expected in data mode. */
    boolean escapeExpected();

    /** Payload bytes after a complete line, or -1 (view mode 0). */
    int payloadAfterLine(String line);

    /** Whether payload headers may end at a comma (view mode 1). */
    boolean commaHeadersPossible();

    /** Payload bytes after a line cut at a comma, or -1 to keep reading (view mode 1). */
    int payloadAfterComma(String partial);

    /** Whether payloads arrive as hex digits (two per byte). */
    boolean hexPayloads();

    /** Whether the prompt is followed by CR LF (formatcfg 1). */
    boolean promptEndsWithCrLf();
}
