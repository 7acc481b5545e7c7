package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtFields;
import java.util.List;

/** The framing's short names for {@link AtFields}' parsing, plus counting commas of a partial line. */
final class Params {

    private Params() {
    }

    /** The parameters after {@code =} of a command line, or after the {@code :} of a response line; empty if none. */
    static List<String> of(String line, char separator) {
        int at = line.indexOf(separator);
        return at < 0 ? List.of() : split(line.substring(at + 1));
    }

    static List<String> split(String text) {
        return AtFields.split(text);
    }

    static String unquote(String p) {
        return AtFields.unquote(p);
    }

    static boolean isQuoted(String p) {
        return AtFields.isQuoted(p);
    }

    /** The parameter as a non-negative int, or -1 when it is not one. */
    static int number(String p) {
        return AtFields.nonNegative(p);
    }

    /** Counts commas outside quotes. */
    static int commas(CharSequence text) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                count++;
            }
        }
        return count;
    }
}
