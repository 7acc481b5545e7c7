package dev.cellbridge.at;

import java.util.Arrays;
import java.util.Objects;

/**
 * An unsolicited result code: a line the module sent that no command claimed.
 *
 * @param line    the line without CR/LF, e.g. {@code +QIURC: "recv",0,4}
 * @param payload the raw bytes that followed a length-prefixed URC (direct push {@code +QIURC: "recv"}),
 *                or null; never modify it
 */
public record Urc(String line, byte[] payload) {

    public Urc {
        Objects.requireNonNull(line, "line");
    }

    public boolean hasPayload() {
        return payload != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Urc other && line.equals(other.line) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * line.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return payload == null ? line : line + " <" + payload.length + " bytes>";
    }
}
