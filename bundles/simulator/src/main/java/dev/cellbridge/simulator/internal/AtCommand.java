package dev.cellbridge.simulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One command of a command line, e.g. {@code +QIOPEN=1,0,"TCP","1.2.3.4",80} or a basic command like {@code E0}.
 *
 * @param name   upper-case name without the {@code AT} prefix ({@code +QIOPEN}, {@code E}, {@code &D}, {@code I})
 * @param kind   test ({@code =?}), read ({@code ?}), write ({@code =...}) or execution (no suffix)
 * @param params raw write parameters: quoted strings keep their quotes so "omitted" and "empty" differ
 */
record AtCommand(String name, Kind kind, List<String> params) {

    /** The four command types of Table 1. */
    enum Kind { TEST, READ, WRITE, EXEC }

    /**
     * Splits the text after {@code AT} into commands: extended commands separated by {@code ;}, basic commands
     * ({@code E0V1}, {@code &D1}, {@code I}, {@code O}, {@code Z}) concatenated.
     */
    static List<AtCommand> parseLine(String body) {
        List<AtCommand> out = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == ';' || c == ' ') {
                i++;
                continue;
            }
            if (c == '+' || c == '$') {
                int end = findSemicolon(body, i);
                out.add(parseExtended(body.substring(i, end)));
                i = end;
            } else {
                // basic command: optional '&', one letter, optional '?', optional '=' and digits, or digits
                int start = i;
                String name;
                if (c == '&' && i + 1 < body.length()) {
                    name = "&" + Character.toUpperCase(body.charAt(i + 1));
                    i += 2;
                } else if (Character.isLetter(c)) {
                    name = String.valueOf(Character.toUpperCase(c));
                    i++;
                    if (name.equals("S")) {
                        int d = i;
                        while (i < body.length() && Character.isDigit(body.charAt(i))) {
                            i++;
                        }
                        name = "S" + body.substring(d, i);
                    }
                } else {
                    throw AtException.invalid("unexpected character '" + c + "' in command line");
                }
                Kind kind = Kind.EXEC;
                List<String> params = new ArrayList<>();
                if (i < body.length() && body.charAt(i) == '?') {
                    kind = Kind.READ;
                    i++;
                } else {
                    if (i < body.length() && body.charAt(i) == '=') {
                        i++;
                        kind = Kind.WRITE;
                        if (i < body.length() && body.charAt(i) == '?') {
                            kind = Kind.TEST;
                            i++;
                        }
                    }
                    int d = i;
                    while (i < body.length() && Character.isDigit(body.charAt(i))) {
                        i++;
                    }
                    if (i > d) {
                        params.add(body.substring(d, i));
                        if (kind == Kind.EXEC) {
                            kind = Kind.WRITE;
                        }
                    }
                }
                if (i == start) {
                    throw AtException.invalid("cannot parse command line");
                }
                out.add(new AtCommand(name, kind, params));
            }
        }
        return out;
    }

    private static int findSemicolon(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return s.length();
    }

    static AtCommand parseExtended(String text) {
        int eq = text.indexOf('=');
        int q = text.indexOf('?');
        if (eq < 0) {
            if (q >= 0) {
                if (!text.substring(q + 1).isBlank()) {
                    throw AtException.invalid("text after '?'");
                }
                return new AtCommand(normalize(text.substring(0, q)), Kind.READ, List.of());
            }
            return new AtCommand(normalize(text), Kind.EXEC, List.of());
        }
        String name = normalize(text.substring(0, eq));
        String rest = text.substring(eq + 1);
        if (rest.strip().equals("?")) {
            return new AtCommand(name, Kind.TEST, List.of());
        }
        return new AtCommand(name, Kind.WRITE, splitParams(rest));
    }

    private static String normalize(String name) {
        return name.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Splits on commas outside quotes; unquoted tokens are trimmed, quoted ones keep their quotes. */
    static List<String> splitParams(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == ',' && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw AtException.invalid("unterminated string parameter");
        }
        out.add(cur.toString().strip());
        return out;
    }

    int count() {
        return params.size();
    }

    boolean has(int index) {
        return index < params.size() && !params.get(index).isEmpty();
    }

    /** An integer parameter within [min, max]. */
    int integer(int index, int min, int max, String what) {
        if (!has(index)) {
            throw AtException.invalid(what + " missing");
        }
        String p = params.get(index);
        int v;
        try {
            v = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw AtException.invalid(what + " is not an integer: " + p);
        }
        if (v < min || v > max) {
            throw AtException.invalid(what + " out of range " + min + "-" + max + ": " + v);
        }
        return v;
    }

    /** An integer parameter, or the default when omitted. */
    int integer(int index, int min, int max, int dflt, String what) {
        return has(index) ? integer(index, min, max, what) : dflt;
    }

    /** A string parameter, which must be quoted. */
    String string(int index, String what) {
        if (!has(index)) {
            throw AtException.invalid(what + " missing");
        }
        String p = params.get(index);
        if (p.length() < 2 || p.charAt(0) != '"' || p.charAt(p.length() - 1) != '"') {
            throw AtException.invalid(what + " must be a quoted string: " + p);
        }
        return p.substring(1, p.length() - 1);
    }
}
