package dev.cellbridge.at.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte-level state machine that cuts the module's output into lines, prompts, payloads and
 * transparent-mode data. Pure: no threads, no I/O except writing data-mode bytes to a {@link DataPipe};
 * fed by the reader thread in chunks of any size, including one byte at a time.
 *
 * <p>It never throws on input: over-long lines are dropped, unknown bytes become line text, and a
 * payload is always exactly the announced number of bytes whatever they contain.
 */
final class Framer {

    private enum State {
        /** Accumulating a line; leading CR/LF skipped. */
        LINE,
        /** Dropping the rest of an over-long line. */
        DISCARD,
        /** Just after the prompt's {@code >}: skip its trailing space and, in formatcfg 1, CR LF. */
        PROMPT_TRAILER,
        /** Matching the module's echo of payload bytes we wrote. */
        ECHO,
        /** Reading a length-prefixed payload. */
        PAYLOAD,
        /** Transparent data mode: bytes go to the data pipe until NO CARRIER (or the escape's OK). */
        DATA
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] NO_CARRIER = "\r\nNO CARRIER\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ESCAPE_OK = "\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII);

    private final FramerSink sink;
    private final byte[] line;
    private int lineLength;
    private long lineEpoch;
    private boolean commaCheck;
    private State state = State.LINE;
    /** After a CR ended a line: a following LF belongs to it. */
    private boolean skipLf;

    private int promptTrailer;

    private byte[] echo;
    private int echoMatched;

    private String payloadHeader;
    private byte[] payload;
    private int payloadFilled;
    private boolean payloadHex;

    private DataPipe pipe;
    private final byte[] held = new byte[NO_CARRIER.length];
    private int heldLength;

    Framer(FramerSink sink, int maxLineLength) {
        this.sink = sink;
        this.line = new byte[maxLineLength];
    }

    /** Switches to transparent data mode; bytes after the current one go to the pipe. */
    void enterDataMode(DataPipe dataPipe) {
        pipe = dataPipe;
        heldLength = 0;
        state = State.DATA;
    }

    /** Expects the module to echo these payload bytes after the prompt (QISDE=1). */
    void expectEcho(byte[] bytes) {
        if (bytes.length > 0) {
            echo = bytes;
            echoMatched = 0;
        }
    }

    /** Forgets any partial line or payload (after an internal error). */
    void reset() {
        state = State.LINE;
        lineLength = 0;
        skipLf = false;
        echo = null;
        payload = null;
        pipe = null;
    }

    void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case LINE -> i = feedLine(bytes, i, end);
                case DISCARD -> i = feedDiscard(bytes, i, end);
                case PROMPT_TRAILER -> i = feedPromptTrailer(bytes, i);
                case ECHO -> i = feedEcho(bytes, i);
                case PAYLOAD -> i = feedPayload(bytes, i, end);
                case DATA -> i = feedData(bytes, i, end);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private int feedLine(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i++];
            if (skipLf) {
                skipLf = false;
                if (c == LF) {
                    continue;
                }
            }
            if (c == CR || c == LF) {
                if (lineLength > 0) {
                    skipLf = c == CR;
                    completeLine();
                    return i; // the sink may have changed the state
                }
                continue;
            }
            if (lineLength == 0) {
                if (c == '>') {
                    // set the state first: taking the prompt may ask for echo matching
                    state = State.PROMPT_TRAILER;
                    promptTrailer = 0;
                    if (sink.prompt()) {
                        return i;
                    }
                    state = State.LINE;
                }
                if (c == 0x1A || c == 0x1B) {
                    continue; // a stray Ctrl+Z/Esc (echo of a payload terminator) is never a line
                }
                commaCheck = c == '+' && sink.commaHeadersPossible();
                lineEpoch = sink.epoch();
            }
            if (lineLength == line.length) {
                lineLength = 0;
                state = State.DISCARD;
                sink.overlongLine();
                return i;
            }
            line[lineLength++] = c;
            if (c == ',' && commaCheck) {
                String partial = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
                int n = sink.payloadAfterComma(partial);
                if (n > 0) {
                    lineLength = 0;
                    startPayload(partial.substring(0, partial.length() - 1), n);
                    return i;
                }
            }
        }
        return i;
    }

    private void completeLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        int n = sink.payloadAfterLine(text);
        if (n > 0) {
            startPayload(text, n);
        } else {
            sink.line(text, lineEpoch);
        }
    }

    private void startPayload(String header, int n) {
        payloadHeader = header;
        payloadHex = sink.hexPayloads();
        payload = new byte[payloadHex ? 2 * n : n];
        payloadFilled = 0;
        state = State.PAYLOAD;
    }

    private int feedDiscard(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i++];
            if (c == CR || c == LF) {
                skipLf = c == CR;
                state = State.LINE;
                return i;
            }
        }
        return i;
    }

    private int feedPromptTrailer(byte[] b, int i) {
        byte c = b[i];
        boolean crLf = sink.promptEndsWithCrLf();
        if (promptTrailer == 0 && c == ' ') {
            promptTrailer = 1;
            return i + 1;
        }
        if (crLf && promptTrailer < 2 && c == CR) {
            promptTrailer = 2;
            return i + 1;
        }
        if (crLf && promptTrailer < 3 && c == LF) {
            promptTrailer = 3;
            return i + 1;
        }
        state = echo != null ? State.ECHO : State.LINE;
        return i;
    }

    private int feedEcho(byte[] b, int i) {
        byte c = b[i];
        if (c == echo[echoMatched]) {
            echoMatched++;
            if (echoMatched == echo.length) {
                echo = null;
                state = State.LINE;
            }
            return i + 1;
        }
        // Not (or no longer) an echo: what matched so far is ordinary output after all.
        byte[] replay = Arrays.copyOf(echo, echoMatched);
        echo = null;
        state = State.LINE;
        if (replay.length > 0) {
            feed(replay, 0, replay.length);
        }
        return i;
    }

    private int feedPayload(byte[] b, int i, int end) {
        if (skipLf && i < end) {
            skipLf = false;
            if (b[i] == LF) {
                i++;
            }
        }
        int n = Math.min(end - i, payload.length - payloadFilled);
        System.arraycopy(b, i, payload, payloadFilled, n);
        payloadFilled += n;
        i += n;
        if (payloadFilled == payload.length) {
            byte[] data = payloadHex ? decodeHex(payload) : payload;
            if (data == null) {
                sink.malformedPayload(payloadHeader);
                data = payload;
            }
            String header = payloadHeader;
            payload = null;
            payloadHeader = null;
            state = State.LINE;
            sink.payloadLine(header, data, lineEpoch);
        }
        return i;
    }

    private int feedData(byte[] b, int i, int end) {
        if (skipLf) { // the LF of "CONNECT\r\n" is not data
            skipLf = false;
            if (b[i] == LF) {
                return i + 1;
            }
        }
        if (heldLength == 0) {
            int run = i;
            while (run < end && b[run] != CR) {
                run++;
            }
            if (run > i) {
                pipe.write(b, i, run - i);
                return run;
            }
        }
        byte c = b[i];
        held[heldLength++] = c;
        boolean escaping = sink.escapeExpected();
        if (matches(NO_CARRIER) || (escaping && matches(ESCAPE_OK))) {
            boolean noCarrier = matches(NO_CARRIER);
            heldLength = 0;
            pipe.discardHeld();
            pipe = null;
            state = State.LINE;
            sink.dataModeEnded(noCarrier);
            return i + 1;
        }
        if (isPrefix(NO_CARRIER) || (escaping && isPrefix(ESCAPE_OK))) {
            pipe.hold(c);
            return i + 1;
        }
        // The held bytes were data after all; the current byte may start a new match.
        heldLength--;
        pipe.release();
        heldLength = 0;
        if (c == CR) {
            held[heldLength++] = c;
            pipe.hold(c);
        } else {
            pipe.write(b, i, 1);
        }
        return i + 1;
    }

    private boolean matches(byte[] pattern) {
        return heldLength == pattern.length && isPrefix(pattern);
    }

    private boolean isPrefix(byte[] pattern) {
        if (heldLength > pattern.length) {
            return false;
        }
        for (int k = 0; k < heldLength; k++) {
            if (held[k] != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeHex(byte[] hex) {
        byte[] out = new byte[hex.length / 2];
        for (int k = 0; k < out.length; k++) {
            int hi = Character.digit(hex[2 * k], 16);
            int lo = Character.digit(hex[2 * k + 1], 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[k] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
