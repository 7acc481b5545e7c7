package dev.cellbridge.at;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The final result that ended a command.
 *
 * @param code      which result
 * @param errorCode the number of {@code +CME ERROR: <n>} / {@code +CMS ERROR: <n>}, or -1 (also when the
 *                  module gave text instead of a number)
 * @param text      the line exactly as the module sent it
 */
public record FinalResult(ResultCode code, int errorCode, String text) {

    public FinalResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
    }

    /** The error number of a CME/CMS error, if it had one. */
    public OptionalInt error() {
        return errorCode >= 0 ? OptionalInt.of(errorCode) : OptionalInt.empty();
    }

    public boolean isSuccess() {
        return code.isSuccess();
    }

    /**
     * Parses a line as a final result.
     *
     * @return the result, or null when the line is not a final result code
     */
    public static FinalResult parse(String line) {
        switch (line) {
            case "OK":
                return new FinalResult(ResultCode.OK, -1, line);
            case "ERROR":
                return new FinalResult(ResultCode.ERROR, -1, line);
            case "SEND OK":
                return new FinalResult(ResultCode.SEND_OK, -1, line);
            case "SEND FAIL":
                return new FinalResult(ResultCode.SEND_FAIL, -1, line);
            case "NO CARRIER":
                return new FinalResult(ResultCode.NO_CARRIER, -1, line);
            default:
                break;
        }
        if (line.startsWith("+CME ERROR:")) {
            return new FinalResult(ResultCode.CME_ERROR, number(line, 11), line);
        }
        if (line.startsWith("+CMS ERROR:")) {
            return new FinalResult(ResultCode.CMS_ERROR, number(line, 11), line);
        }
        if (line.equals("CONNECT") || line.startsWith("CONNECT ")) {
            return new FinalResult(ResultCode.CONNECT, -1, line);
        }
        return null;
    }

    private static int number(String line, int from) {
        return AtFields.nonNegative(line.substring(from).trim());
    }
}
