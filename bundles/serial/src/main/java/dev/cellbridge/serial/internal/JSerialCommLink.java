package dev.cellbridge.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.cellbridge.serial.LinkSettings;
import dev.cellbridge.serial.LinkUri;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinkException.Reason;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** A serial port opened through jSerialComm. */
final class JSerialCommLink implements ProviderLink {

    /**
     * Read tick: reads block at most this long inside jSerialComm (termios VTIME has 100 ms steps),
     * then the stream checks for close and device loss and reads again. Must be at least 100.
     */
    static final int READ_TICK_MS = 200;
    private static final long DRAIN_ON_CLOSE_MAX_MS = 2_000;

    private final String uri;
    private final String device;
    private final SerialPort port;
    private final Optional<DevicePath> devicePath;
    private final boolean modemLines;
    private final LinkState state;
    private final PortInputStream input;
    private final PortOutputStream output;

    private JSerialCommLink(String uri, String device, SerialPort port, Optional<DevicePath> devicePath, boolean modemLines) {
        this.uri = uri;
        this.device = device;
        this.port = port;
        this.devicePath = devicePath;
        this.modemLines = modemLines;
        this.state = new LinkState(device);
        this.input = new PortInputStream(this, port, state);
        this.output = new PortOutputStream(this, port, state);
    }

    static JSerialCommLink open(LinkUri.Serial target, String uri) throws SerialLinkException {
        String device = target.device();
        Optional<DevicePath> devicePath = DevicePath.check(device);
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw new SerialLinkException(device, Reason.NO_SUCH_DEVICE, "no such device", e);
        } catch (LinkageError e) {
            throw new SerialLinkException(device, Reason.OTHER,
                    "jSerialComm's native library cannot be loaded on this system (" + e + ")", e);
        }
        LinkSettings settings = target.settings();
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings), parity(settings));
        port.setFlowControl(flowControl(settings));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TICK_MS, 0);
        if (!port.openPort()) {
            throw openFailure(device, port.getLastErrorCode(), devicePath);
        }
        // DTR is asserted on open already; asserting it again tells whether the port has modem
        // control lines at all (pseudo-terminals and some USB bridges do not).
        boolean modemLines = port.setDTR();
        return new JSerialCommLink(uri, device, port, devicePath, modemLines);
    }

    /** Turns jSerialComm's open failure into a message naming the cause. */
    static SerialLinkException openFailure(String device, int errno, Optional<DevicePath> devicePath) {
        String code = " (" + Errno.describe(errno) + ")";
        if (Errno.LINUX) {
            switch (errno) {
                case Errno.EACCES, Errno.EPERM:
                    return new SerialLinkException(device, Reason.PERMISSION_DENIED, "permission denied" + code);
                case Errno.EBUSY, Errno.EAGAIN:
                    return new SerialLinkException(device, Reason.BUSY,
                            "port busy: another program has it open exclusively" + code);
                case Errno.ENOENT:
                    // jSerialComm also reports 2 when this process already has the port open
                    if (devicePath.map(DevicePath::exists).orElse(true)) {
                        return new SerialLinkException(device, Reason.BUSY, "port busy: already open in this process");
                    }
                    return new SerialLinkException(device, Reason.NO_SUCH_DEVICE, "no such device" + code);
                case Errno.ENXIO, Errno.ENODEV:
                    return new SerialLinkException(device, Reason.NO_SUCH_DEVICE,
                            "no such device: the device node exists but no device answers" + code);
                case Errno.ENOTTY, Errno.EINVAL:
                    return new SerialLinkException(device, Reason.NOT_A_DEVICE,
                            "not a serial device: it refuses terminal settings" + code);
                default:
                    break;
            }
        }
        return new SerialLinkException(device, Reason.OTHER, "cannot open the port" + code);
    }

    private static int stopBits(LinkSettings settings) {
        return switch (settings.stopBits()) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(LinkSettings settings) {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private static int flowControl(LinkSettings settings) {
        return switch (settings.flowControl()) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTSCTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XONXOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public boolean hasDtr() {
        return modemLines;
    }

    @Override
    public void setDtr(boolean asserted) throws SerialLinkException {
        if (!modemLines) {
            throw new UnsupportedOperationException(device + ": the port has no modem control lines (DTR)");
        }
        if (!state.isOpen()) {
            throw state.notOpen();
        }
        boolean done = asserted ? port.setDTR() : port.clearDTR();
        if (!done) {
            throw new SerialLinkException(device, Reason.OTHER, "the port refused to " + (asserted ? "assert" : "clear")
                    + " DTR (" + Errno.describe(port.getLastErrorCode()) + ")");
        }
    }

    @Override
    public Optional<Boolean> dcd() {
        if (!modemLines || !state.isOpen()) {
            return Optional.empty();
        }
        return Optional.of(port.getDCD());
    }

    @Override
    public boolean isOpen() {
        return state.isOpen();
    }

    @Override
    public Optional<String> problem() {
        Optional<String> stateProblem = state.problem();
        return stateProblem.isPresent() ? stateProblem : Optional.ofNullable(deviceProblem());
    }

    /**
     * Why the device looks gone without reading from it, or null while it looks fine: the path no
     * longer names the device node that was opened (unplugged, pty closed, replaced), or the driver
     * hung the terminal up (the bytes-available query fails after a USB unplug).
     */
    String deviceProblem() {
        if (!devicePath.map(DevicePath::stillPresent).orElse(true)) {
            return "the device disappeared (" + device + " is gone or now names another device)";
        }
        if (port.bytesAvailable() < 0 && !state.isClosed()) {
            return "the device disappeared (the driver no longer answers: " + Errno.describe(port.getLastErrorCode()) + ")";
        }
        return null;
    }

    /** Called by the streams when they find the device gone: records why and releases the port. */
    SerialLinkException deviceLost(String message) {
        SerialLinkException failure = state.markBroken(message, null);
        closePortQuietly();
        return failure;
    }

    String device() {
        return device;
    }

    @Override
    public void close() {
        if (!state.markClosed()) {
            return;
        }
        if (state.broken() == null) {
            drainOutput();
        }
        closePortQuietly();
    }

    /** jSerialComm's close discards unsent output; give the driver a bounded time to send it first. */
    private void drainOutput() {
        long deadline = System.nanoTime() + DRAIN_ON_CLOSE_MAX_MS * 1_000_000;
        while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closePortQuietly() {
        // closePort also wakes a reader blocked inside jSerialComm (it switches the port to non-blocking)
        port.closePort();
    }

    @Override
    public String toString() {
        return "serial link " + uri;
    }
}
