package dev.cellbridge.at;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletionStage;

/**
 * Transparent data mode: after {@code CONNECT} the link is a raw stream to the remote peer. While a
 * session is active the channel runs no AT command (they fail at once with {@link AtStateException}).
 */
public interface DataSession {

    /** Bytes from the remote peer; ends (-1) when the session ends, after every byte received before it. */
    InputStream input();

    /** Bytes to the remote peer. Fails once the session has ended. */
    OutputStream output();

    /**
     * Leaves data mode with {@code +++}: waits the guard time after the last byte written, sends
     * {@code +++}, and waits for the module's {@code OK}. The connection stays open; {@code ATO} resumes.
     *
     * @throws AtTimeoutException when the module does not answer
     */
    void escape() throws AtException;

    /**
     * Leaves data mode by dropping DTR (the module must have been told {@code AT&D1}) and waits for
     * {@code OK}, then raises DTR again.
     *
     * @throws UnsupportedOperationException when the link has no DTR line
     */
    void escapeWithDtr() throws AtException;

    /** Whether the session is still in data mode. */
    boolean isActive();

    /** Completes when data mode ends, with the reason. */
    CompletionStage<DataModeEnd> ended();
}
