package dev.cellbridge.relay.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of configuration properties as ConfigurationAdmin, Kura's console or a .cfg file deliver them (a number
 * may come as Integer, Long or String). Errors name the attribute and the range.
 */
final class Attributes {

    private final Map<String, Object> p;

    Attributes(Map<String, Object> p) {
        this.p = p;
    }

    String string(String key, String fallback) {
        Object v = p.get(key);
        if (v instanceof String[] || v instanceof Collection<?>) {
            // a console or JSON may hand over a one-element list for a single value
            List<String> l = strings(key, List.of());
            if (l.size() > 1) {
                throw new IllegalArgumentException(key + " must be a single value, not a list of " + l.size());
            }
            return l.isEmpty() ? fallback : l.get(0);
        }
        return v == null ? fallback : String.valueOf(v).trim();
    }

    int integer(String key, int fallback, int min, int max) {
        Object v = p.get(key);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return fallback;
        }
        long n;
        if (v instanceof Number num) {
            if ((v instanceof Double || v instanceof Float) && num.doubleValue() != Math.rint(num.doubleValue())) {
                throw new IllegalArgumentException(key + " must be an integer " + min + "–" + max + ": " + v);
            }
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer " + min + "–" + max + ": \"" + v + "\"");
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " " + n + " is out of range " + min + "–" + max);
        }
        return (int) n;
    }

    boolean bool(String key, boolean fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(key + " must be true or false: \"" + v + "\"");
    }

    List<String> strings(String key, List<String> fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        List<String> l = new ArrayList<>();
        if (v instanceof String[] arr) {
            for (String s : arr) {
                add(l, s);
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> add(l, String.valueOf(x)));
        } else {
            for (String s : String.valueOf(v).split(",")) {
                add(l, s);
            }
        }
        return l;
    }

    private static void add(List<String> l, String s) {
        if (s != null && !s.isBlank()) {
            l.add(s.trim());
        }
    }
}
