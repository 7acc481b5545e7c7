package dev.cellbridge.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinkException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Writes to a jSerialComm port; each write returns once the driver has taken every byte. */
final class PortOutputStream extends OutputStream {

    private final JSerialCommLink link;
    private final SerialPort port;
    private final LinkState state;

    PortOutputStream(JSerialCommLink link, SerialPort port, LinkState state) {
        this.link = link;
        this.port = port;
        this.state = state;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return;
        }
        if (!state.isOpen()) {
            throw state.notOpen();
        }
        int written = port.writeBytes(buffer, length, offset);
        if (written == length) {
            return;
        }
        if (state.isClosed()) {
            throw new SerialLinkException(link.device(), Reason.OTHER, "link closed while writing");
        }
        throw link.deviceLost("write failed after " + Math.max(0, written) + " of " + length
                + " bytes, the device is gone (" + Errno.describe(port.getLastErrorCode()) + ")");
    }

    /** Nothing to do: there is no buffer above the driver's. */
    @Override
    public void flush() throws IOException {
        if (!state.isOpen()) {
            throw state.notOpen();
        }
    }

    /** Closes the whole link, like a socket's output stream does. */
    @Override
    public void close() {
        link.close();
    }
}
