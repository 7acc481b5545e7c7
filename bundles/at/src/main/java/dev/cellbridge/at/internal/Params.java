package dev.cellbridge.at.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits AT parameter lists ({@code 1,"TCP","a,b",80}) at commas outside quotes. */
final class Params {

    private Params() {
    }

    /** The parameters after {@code =} of a command line, or after the {@code :} of a response line; empty if none. */
    static List<String> of(String line, char separator) {
        int at = line.indexOf(separator);
        return at < 0 ? List.of() : split(line.substring(at + 1));
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == ',' && !quoted) {
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString().trim());
        return out;
    }

    static String unquote(String p) {
        return p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1) : p;
    }

    static boolean isQuoted(String p) {
        return p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"");
    }

    /** The parameter as a non-negative int, or -1 when it is not one. */
    static int number(String p) {
        if (p.isEmpty() || p.length() > 9) {
            return -1;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(p);
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
