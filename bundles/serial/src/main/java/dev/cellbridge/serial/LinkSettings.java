package dev.cellbridge.serial;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Line settings of a serial port: baud rate, data bits, parity, stop bits and flow control.
 * {@link #DEFAULT} is 115200 baud, 8 data bits, no parity, 1 stop bit, no flow control (115200 8N1).
 *
 * @param baud bits per second, {@value #MIN_BAUD} to {@value #MAX_BAUD}
 * @param dataBits 5 to 8
 * @param parity parity bit
 * @param stopBits stop bits
 * @param flowControl flow control
 */
public record LinkSettings(int baud, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    /** Lowest accepted baud rate. */
    public static final int MIN_BAUD = 50;
    /** Highest accepted baud rate (above what USB-serial bridges and the modules support). */
    public static final int MAX_BAUD = 16_000_000;

    /** 115200 8N1, no flow control. */
    public static final LinkSettings DEFAULT =
            new LinkSettings(115_200, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);

    /** @throws IllegalArgumentException when a value is out of range */
    public LinkSettings {
        if (baud < MIN_BAUD || baud > MAX_BAUD) {
            throw new IllegalArgumentException("baud " + baud + " out of range " + MIN_BAUD + ".." + MAX_BAUD);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits " + dataBits + " out of range 5..8");
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
    }

    /** A copy with another baud rate. */
    public LinkSettings withBaud(int newBaud) {
        return new LinkSettings(newBaud, dataBits, parity, stopBits, flowControl);
    }

    /** A copy with another number of data bits. */
    public LinkSettings withDataBits(int newDataBits) {
        return new LinkSettings(baud, newDataBits, parity, stopBits, flowControl);
    }

    /** A copy with another parity. */
    public LinkSettings withParity(Parity newParity) {
        return new LinkSettings(baud, dataBits, newParity, stopBits, flowControl);
    }

    /** A copy with other stop bits. */
    public LinkSettings withStopBits(StopBits newStopBits) {
        return new LinkSettings(baud, dataBits, parity, newStopBits, flowControl);
    }

    /** A copy with another flow control. */
    public LinkSettings withFlowControl(FlowControl newFlowControl) {
        return new LinkSettings(baud, dataBits, parity, stopBits, newFlowControl);
    }

    /** Short form such as {@code 115200 8N1} (plus the flow control when there is one). */
    @Override
    public String toString() {
        String text = baud + " " + dataBits + parity.letter + stopBits.token;
        return flowControl == FlowControl.NONE ? text : text + " " + flowControl.token();
    }

    /** Parity bit. URI and configuration tokens: {@code none, even, odd, mark, space}. */
    public enum Parity {
        NONE('N'), EVEN('E'), ODD('O'), MARK('M'), SPACE('S');

        private final char letter;

        Parity(char letter) {
            this.letter = letter;
        }

        /** The token used in URIs and configuration, e.g. {@code even}. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The parity a token names (case-insensitive), if any. */
        public static Optional<Parity> fromToken(String token) {
            for (Parity p : values()) {
                if (p.token().equalsIgnoreCase(token.strip())) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Stop bits. URI and configuration tokens: {@code 1, 1.5, 2}. POSIX terminals have no 1.5 stop
     * bits: on Linux jSerialComm programs 1 stop bit for {@code 1.5}; Windows honours it.
     */
    public enum StopBits {
        ONE("1"), ONE_POINT_FIVE("1.5"), TWO("2");

        private final String token;

        StopBits(String token) {
            this.token = token;
        }

        /** The token used in URIs and configuration, e.g. {@code 1.5}. */
        public String token() {
            return token;
        }

        /** The stop bits a token names, if any. */
        public static Optional<StopBits> fromToken(String token) {
            for (StopBits s : values()) {
                if (s.token.equals(token.strip())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** Flow control. URI and configuration tokens: {@code none, rtscts, xonxoff}. */
    public enum FlowControl {
        NONE, RTSCTS, XONXOFF;

        /** The token used in URIs and configuration, e.g. {@code rtscts}. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The flow control a token names (case-insensitive), if any. */
        public static Optional<FlowControl> fromToken(String token) {
            for (FlowControl f : values()) {
                if (f.token().equalsIgnoreCase(token.strip())) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }
}
