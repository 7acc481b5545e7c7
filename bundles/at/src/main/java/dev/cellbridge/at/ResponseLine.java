package dev.cellbridge.at;

import java.util.Arrays;
import java.util.Objects;

/**
 * One information line of a response, with the raw payload that followed it when it was a
 * length-prefixed header such as {@code +QIRD: 5}.
 *
 * @param text    the line (ISO-8859-1 decoded, so every byte maps to one char), without CR/LF
 * @param payload the payload bytes, or null when the line announced none; never modify it
 */
public record ResponseLine(String text, byte[] payload) {

    public ResponseLine {
        Objects.requireNonNull(text, "text");
    }

    public boolean hasPayload() {
        return payload != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseLine other && text.equals(other.text) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return payload == null ? text : text + " <" + payload.length + " bytes>";
    }
}
