package dev.cellbridge.at;

import java.util.Objects;

/**
 * Bytes written after the {@code >} prompt of a command such as {@code AT+QISEND}.
 *
 * @param data        the bytes (never modified by the engine)
 * @param termination how the module knows where the data ends
 */
public record OutgoingPayload(byte[] data, Termination termination) {

    /** How the data is delimited. */
    public enum Termination {
        /** The command line gave the length ({@code AT+QISEND=0,4}): exactly the bytes are written. */
        FIXED_LENGTH,
        /** Variable length ({@code AT+QISEND=0}): the bytes then Ctrl+Z (0x1A). Data may contain neither 0x1A nor 0x1B. */
        CTRL_Z,
        /** Cancel at the prompt: Esc (0x1B) is written instead of data. */
        CANCEL
    }

    public static final byte CTRL_Z = 0x1A;
    public static final byte ESC = 0x1B;

    public OutgoingPayload {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(termination, "termination");
        if (termination == Termination.CTRL_Z) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] == CTRL_Z || data[i] == ESC) {
                    throw new IllegalArgumentException("Ctrl+Z-terminated payload contains byte 0x"
                            + Integer.toHexString(data[i]) + " at offset " + i + "; use a fixed-length send");
                }
            }
        }
    }

    public static OutgoingPayload fixedLength(byte[] data) {
        return new OutgoingPayload(data, Termination.FIXED_LENGTH);
    }

    public static OutgoingPayload ctrlZ(byte[] data) {
        return new OutgoingPayload(data, Termination.CTRL_Z);
    }

    public static OutgoingPayload cancel() {
        return new OutgoingPayload(new byte[0], Termination.CANCEL);
    }

    /** The exact bytes to write at the prompt. */
    public byte[] wireBytes() {
        switch (termination) {
            case FIXED_LENGTH:
                return data;
            case CTRL_Z: {
                byte[] out = java.util.Arrays.copyOf(data, data.length + 1);
                out[data.length] = CTRL_Z;
                return out;
            }
            default:
                return new byte[] {ESC};
        }
    }
}
