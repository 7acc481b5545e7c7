package dev.cellbridge.cellular.internal.osgi;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Reads a component's configuration properties, with the metatype defaults for what is missing. Values arrive
 * typed (ConfigurationAdmin, Kura), as Strings ({@code .cfg} files) or as Long/Double (JSON): each reader
 * accepts every form that means the value and rejects the rest with a {@link BadAttributeException}.
 */
final class Attributes {

    private final Map<String, ?> properties;

    Attributes(Map<String, ?> properties) {
        this.properties = properties;
    }

    /** The raw value, or null. */
    Object raw(String key) {
        return properties.get(key);
    }

    String string(String key, String fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.getClass().isArray() || value instanceof Collection) {
            List<String> list = strings(key, List.of());
            if (list.size() > 1) {
                throw new BadAttributeException(key, show(value), "a single text");
            }
            return list.isEmpty() ? fallback : list.get(0);
        }
        return unescape(value.toString().strip());
    }

    /**
     * Metatype defaults escape commas ({@code AT+CFUN=1\,1}) and some readers of metatype (Kura's among them) pass
     * a scalar default on as written; an AT command never holds a backslash before a comma, so drop it.
     */
    private static String unescape(String text) {
        return text.replace("\\,", ",");
    }

    /** An OSGi filter (a reference target such as {@code (modem.name=modem)}). */
    String filter(String key, String fallback) {
        String value = string(key, fallback);
        try {
            FrameworkUtil.createFilter(value);
        } catch (InvalidSyntaxException e) {
            throw new BadAttributeException(key, "'" + value + "'", "an OSGi filter such as (modem.name=modem)");
        }
        return value;
    }

    /** An integer in {@code min..max}; {@code unit} (may be "") is shown in the error. */
    int integer(String key, int fallback, int min, int max, String unit) {
        long value = longValue(key, fallback, unit);
        if (value < min || value > max) {
            throw new BadAttributeException(key, Long.toString(value), range(min, max, unit));
        }
        return (int) value;
    }

    /** An integer without a range of its own (the caller validates it). */
    int integer(String key, int fallback) {
        long value = longValue(key, fallback, "");
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadAttributeException(key, Long.toString(value), "an integer");
        }
        return (int) value;
    }

    boolean bool(String key, boolean fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = single(key, value).toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new BadAttributeException(key, show(value), "true or false");
    }

    /**
     * A list of texts: an array or collection, or one String holding one entry per line (the form a
     * {@code .cfg} file can give). Blank entries are dropped.
     */
    List<String> strings(String key, List<String> fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                add(out, Array.get(value, i));
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> add(out, v));
        } else {
            for (String line : value.toString().split("\\R")) {
                add(out, line);
            }
        }
        return List.copyOf(out);
    }

    /** A list of integers, each in {@code min..max}. */
    List<Integer> integers(String key, List<Integer> fallback, int min, int max, String unit) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        List<String> texts;
        if (value.getClass().isArray() || value instanceof Collection) {
            texts = strings(key, List.of());
        } else {
            texts = new ArrayList<>();
            for (String part : value.toString().split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    texts.add(part);
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (String text : texts) {
            long n;
            try {
                n = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new BadAttributeException(key, show(value), "whole numbers " + range(min, max, unit));
            }
            if (n < min || n > max) {
                throw new BadAttributeException(key, show(value), "each " + range(min, max, unit));
            }
            out.add((int) n);
        }
        return List.copyOf(out);
    }

    /** One of the given option values (compared ignoring case); returns the option's canonical spelling. */
    String option(String key, String fallback, List<String> options) {
        String value = string(key, fallback);
        for (String option : options) {
            if (option.equalsIgnoreCase(value)) {
                return option;
            }
        }
        throw new BadAttributeException(key, "'" + value + "'", "one of " + String.join(", ", options));
    }

    private long longValue(String key, long fallback, String unit) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            throw new BadAttributeException(key, show(value), "a whole number" + (unit.isEmpty() ? "" : " of " + unit));
        }
        String text = single(key, value);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadAttributeException(key, show(value), "a whole number" + (unit.isEmpty() ? "" : " of " + unit));
        }
    }

    private String single(String key, Object value) {
        if (value.getClass().isArray() || value instanceof Collection) {
            List<String> list = strings(key, List.of());
            if (list.size() != 1) {
                throw new BadAttributeException(key, show(value), "a single value");
            }
            return list.get(0);
        }
        return value.toString().strip();
    }

    private static void add(List<String> out, Object item) {
        if (item != null) {
            String text = unescape(item.toString().strip());
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
    }

    static String range(long min, long max, String unit) {
        return min + "–" + max + (unit.isEmpty() ? "" : " " + unit);
    }

    /** A value as an error message may show it. */
    static String show(Object value) {
        if (value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(String.valueOf(Array.get(value, i)));
            }
            return items.toString();
        }
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
