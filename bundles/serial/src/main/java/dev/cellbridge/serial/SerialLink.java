package dev.cellbridge.serial;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An open duplex byte stream to a module.
 *
 * <p>Reading {@link #input()} blocks until bytes arrive; it returns -1 (or throws) when the link is
 * gone (device unplugged, peer closed, {@link #close()} called). Only one thread should read and
 * only one should write at a time; the AT engine owns both ends.
 */
public interface SerialLink extends Closeable {

    /**
     * Factory PID (and component name) of the OSGi component that keeps a configured port open and
     * registers it as a {@code SerialLink} service while it is open.
     */
    String FACTORY_PID = "dev.cellbridge.serial.link";

    /** Service property of a registered {@code SerialLink}: the configured URI (a String). */
    String SERVICE_PROPERTY_URI = "link.uri";

    /**
     * Service property of a registered {@code SerialLink}: the link's name (a String), its
     * configuration's {@code kura.service.pid}, else its {@code service.pid}. Select a link with a
     * target filter such as {@code (link.name=modem0)}.
     */
    String SERVICE_PROPERTY_NAME = "link.name";

    /** The URI this link was opened from, e.g. {@code serial:/dev/ttyUSB2?baud=921600} or {@code tcp://127.0.0.1:7000}. */
    String uri();

    /** Bytes from the module. */
    InputStream input();

    /** Bytes to the module. Writes are not buffered beyond what the port itself buffers; call flush anyway. */
    OutputStream output();

    /** Whether {@link #setDtr(boolean)} drives a real DTR line (serial ports do, TCP links do not). */
    boolean hasDtr();

    /**
     * Asserts or clears DTR (used to leave transparent mode with AT&amp;D1).
     *
     * @throws UnsupportedOperationException when the link has no DTR line ({@link #hasDtr()} is false)
     * @throws IOException when the port refuses
     */
    void setDtr(boolean asserted) throws IOException;

    /** The DCD (carrier detect) line where the port reports it; empty where it has none. */
    Optional<Boolean> dcd();

    /** True until {@link #close()} is called or the link is found broken. */
    boolean isOpen();

    /** Closes the link; a blocked reader wakes up with end of stream or an exception. Idempotent. */
    @Override
    void close() throws IOException;
}
