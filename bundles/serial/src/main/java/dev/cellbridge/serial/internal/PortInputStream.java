package dev.cellbridge.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * Reads a jSerialComm port: blocks until at least one byte arrives, returns -1 after the link was
 * closed, and throws (once the link is marked broken) when the device goes away, instead of
 * returning endless empty reads. jSerialComm reads in ticks of {@link JSerialCommLink#READ_TICK_MS};
 * between ticks the stream checks for close, for a vanished device and for an interrupted reader
 * (which gets an {@link InterruptedIOException}; the link stays open).
 */
final class PortInputStream extends InputStream {

    private static final long PRESENCE_CHECK_INTERVAL_NANOS = 1_000_000_000L;
    /** An empty read faster than this did not wait for VTIME: the driver is not blocking as configured. */
    private static final long QUICK_EMPTY_READ_NANOS = JSerialCommLink.READ_TICK_MS * 1_000_000L / 4;
    private static final int QUICK_EMPTY_READS_BEFORE_BACKING_OFF = 3;
    private static final long BACK_OFF_MS = 20;

    private final JSerialCommLink link;
    private final SerialPort port;
    private final LinkState state;
    private final byte[] single = new byte[1];
    private long lastPresenceCheck = System.nanoTime();
    private int quickEmptyReads;

    PortInputStream(JSerialCommLink link, SerialPort port, LinkState state) {
        this.link = link;
        this.port = port;
        this.state = state;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (state.isClosed()) {
                return -1;
            }
            if (state.broken() != null) {
                throw state.broken();
            }
            long start = System.nanoTime();
            int n = port.readBytes(buffer, length, offset);
            if (n > 0) {
                quickEmptyReads = 0;
                return n;
            }
            if (state.isClosed()) {
                return -1;
            }
            if (n < 0) {
                throw link.deviceLost("read failed, the device is gone (" + Errno.describe(port.getLastErrorCode()) + ")");
            }
            checkWhileIdle(start);
        }
    }

    /** After an empty read: look for a vanished device now and then, and never spin. */
    private void checkWhileIdle(long readStart) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException(link.device() + ": interrupted while waiting for data");
        }
        long now = System.nanoTime();
        boolean suspicious = false;
        if (now - readStart < QUICK_EMPTY_READ_NANOS) {
            suspicious = ++quickEmptyReads >= QUICK_EMPTY_READS_BEFORE_BACKING_OFF;
        } else {
            quickEmptyReads = 0;
        }
        if (suspicious || now - lastPresenceCheck >= PRESENCE_CHECK_INTERVAL_NANOS) {
            lastPresenceCheck = now;
            String problem = link.deviceProblem();
            if (problem != null && !state.isClosed()) {
                throw link.deviceLost(problem);
            }
        }
        if (suspicious) {
            try {
                Thread.sleep(BACK_OFF_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(link.device() + ": interrupted while waiting for data");
            }
        }
    }

    @Override
    public int available() {
        return state.isOpen() ? Math.max(0, port.bytesAvailable()) : 0;
    }

    /** Closes the whole link, like a socket's input stream does. */
    @Override
    public void close() {
        link.close();
    }
}
