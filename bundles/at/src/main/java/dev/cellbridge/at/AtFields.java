package dev.cellbridge.at;

import java.util.ArrayList;
import java.util.List;

/**
 * The comma-separated parameters of a response line, URC or command line ({@code 1,"TCP","a,b",80}): commas
 * inside quotes do not split, each value is trimmed and keeps its quotes.
 *
 * @param values the parameters as written, quotes included
 */
public record AtFields(List<String> values) {

    public AtFields {
        values = List.copyOf(values);
    }

    /**
     * The parameters after the first {@code :} of a line ({@code +QISTATE: 0,"TCP",...}); the whole line when it
     * has none.
     */
    public static AtFields of(String line) {
        int colon = line.indexOf(':');
        return new AtFields(split(colon < 0 ? line : line.substring(colon + 1)));
    }

    /** The parameters after the first {@code =} of a command line; none when it has no {@code =}. */
    public static AtFields ofCommand(String line) {
        int eq = line.indexOf('=');
        return new AtFields(eq < 0 ? List.of() : split(line.substring(eq + 1)));
    }

    /** Splits at commas outside quotes; an empty text is one empty parameter. */
    public static List<String> split(CharSequence text) {
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

    public int size() {
        return values.size();
    }

    /** The parameter as written. */
    public String raw(int i) {
        return values.get(i);
    }

    public boolean isQuoted(int i) {
        return isQuoted(values.get(i));
    }

    /** The parameter without its quotes. */
    public String text(int i) {
        return unquote(values.get(i));
    }

    /**
     * The parameter (quoted or not) as an int.
     *
     * @throws IllegalArgumentException naming the parameter when it is not a number
     */
    public int number(int i) {
        String v = text(i);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + (i + 1) + " is not a number: \"" + v + "\"", e);
        }
    }

    /** Whether the parameter is an unquoted non-negative decimal number. */
    public boolean isNumber(int i) {
        return digits(values.get(i), 0) != null;
    }

    public static boolean isQuoted(String p) {
        return p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"");
    }

    public static String unquote(String p) {
        return isQuoted(p) ? p.substring(1, p.length() - 1) : p;
    }

    /**
     * The text as a non-negative int of at most 9 digits (no sign, no spaces), or -1 when it is not one: for
     * parsers that treat a malformed number as absent.
     */
    public static int nonNegative(String p) {
        String d = digits(p, 9);
        return d == null ? -1 : Integer.parseInt(d);
    }

    /** The text when it is 1 to {@code max} ASCII digits ({@code max} 0: any number), else null. */
    private static String digits(String p, int max) {
        if (p.isEmpty() || (max > 0 && p.length() > max)) {
            return null;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                return null;
            }
        }
        return p;
    }
}
