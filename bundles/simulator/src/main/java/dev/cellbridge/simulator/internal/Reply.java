package dev.cellbridge.simulator.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's response as the module frames it (spec 2.1.2): the information text, whose lines are separated by
 * CRLF, wrapped in one {@code <CR><LF>...<CR><LF>}, then the result code wrapped the same way.
 */
final class Reply {
    private final ByteArrayOutputStream info = new ByteArrayOutputStream();
    private boolean hasInfo;

    /** Starts a new information line. */
    Reply line(String text) {
        if (hasInfo) {
            crlf();
        }
        hasInfo = true;
        append(text);
        return this;
    }

    /** Appends to the current line. */
    Reply append(String text) {
        info.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** Appends raw payload bytes to the current line. */
    Reply append(byte[] bytes) {
        hasInfo = true;
        info.writeBytes(bytes);
        return this;
    }

    Reply crlf() {
        info.write('\r');
        info.write('\n');
        return this;
    }

    boolean isEmpty() {
        return !hasInfo;
    }

    /** The bytes of the information text (if any) followed by {@code result} (may be null for none). */
    byte[] toBytes(String result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (hasInfo) {
            out.writeBytes(frame(info.toByteArray()));
        }
        if (result != null) {
            out.writeBytes(frame(result));
        }
        return out.toByteArray();
    }

    static byte[] frame(String text) {
        return frame(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] frame(byte[] body) {
        byte[] b = new byte[body.length + 4];
        b[0] = '\r';
        b[1] = '\n';
        System.arraycopy(body, 0, b, 2, body.length);
        b[b.length - 2] = '\r';
        b[b.length - 1] = '\n';
        return b;
    }
}
