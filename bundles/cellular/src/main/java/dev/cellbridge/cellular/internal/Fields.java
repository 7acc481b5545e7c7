package dev.cellbridge.cellular.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits the parameter lists of responses and URCs at commas outside quotes. */
final class Fields {

    private final List<String> values;

    private Fields(List<String> values) {
        this.values = values;
    }

    /** The fields after the first {@code :} of a line ({@code +QISTATE: 0,"TCP",...}). */
    static Fields of(String line) {
        int colon = line.indexOf(':');
        return new Fields(split(colon < 0 ? line : line.substring(colon + 1)));
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

    int size() {
        return values.size();
    }

    boolean isQuoted(int i) {
        String v = values.get(i);
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"");
    }

    /** The field without its quotes. */
    String text(int i) {
        String v = values.get(i);
        return isQuoted(i) ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * The field as an int.
     *
     * @throws IllegalArgumentException naming the field when it is not a number
     */
    int number(int i) {
        String v = text(i);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + (i + 1) + " is not a number: \"" + v + "\"", e);
        }
    }

    boolean isNumber(int i) {
        String v = values.get(i);
        if (v.isEmpty()) {
            return false;
        }
        for (int k = 0; k < v.length(); k++) {
            if (!Character.isDigit(v.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
