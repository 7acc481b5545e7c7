package dev.cellbridge.gateway.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A {@code .json} configuration file: one JSON object whose members are the properties, typed like the OSGi
 * Configurator's configuration values. Comments are allowed (Gson's lenient reading).
 */
final class JsonConfig {

    private static final Pattern INTEGRAL = Pattern.compile("-?\\d+");

    /** The scalar types a property name may carry as {@code name:Type} (or {@code name:Type[]} for an array). */
    enum Type {
        STRING("String", String.class),
        INTEGER("Integer", Integer.class),
        LONG("Long", Long.class),
        FLOAT("Float", Float.class),
        DOUBLE("Double", Double.class),
        BYTE("Byte", Byte.class),
        SHORT("Short", Short.class),
        CHARACTER("Character", Character.class),
        BOOLEAN("Boolean", Boolean.class);

        final String label;
        final Class<?> javaType;

        Type(String label, Class<?> javaType) {
            this.label = label;
            this.javaType = javaType;
        }

        static Type of(String label) {
            for (Type type : values()) {
                if (type.label.equals(label)) {
                    return type;
                }
            }
            return null;
        }
    }

    private JsonConfig() {
    }

    static Map<String, Object> read(String fileName, String text) throws ConfigFileException {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new ConfigFileException(fileName + ": not JSON: " + rootCause(e).getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ConfigFileException(fileName + ": must hold one JSON object (property name: value)");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> member : ((JsonObject) root).entrySet()) {
            String key = member.getKey();
            if (key.startsWith(":configurator:")) {
                throw new ConfigFileException(fileName + ": the OSGi Configurator resource format (several "
                    + "configurations in one file) is not supported; write one configuration per file, named by its PID");
            }
            int colon = key.lastIndexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            String where = fileName + ": property '" + name + "'";
            if (name.isEmpty()) {
                throw new ConfigFileException(fileName + ": a property name is empty");
            }
            Object value = colon < 0
                ? untyped(where, member.getValue())
                : typed(where, key.substring(colon + 1), member.getValue());
            if (properties.put(name, value) != null) {
                throw new ConfigFileException(where + " is given twice");
            }
        }
        return properties;
    }

    /** A value without a type annotation: String, Boolean, Long (integral), Double, or an array of one of these. */
    private static Object untyped(String where, JsonElement element) throws ConfigFileException {
        if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            Type elementType = Type.STRING;
            if (!array.isEmpty()) {
                elementType = inferred(where, array.get(0));
                for (JsonElement item : array) {
                    Type itemType = inferred(where, item);
                    if (itemType != elementType) {
                        if (isNumber(itemType) && isNumber(elementType)) {
                            elementType = Type.DOUBLE;
                        } else {
                            throw new ConfigFileException(where + ": an array mixes " + elementType.label + " and "
                                + itemType.label + " values");
                        }
                    }
                }
            }
            return array(where, elementType, array);
        }
        return scalar(where, inferred(where, element), element);
    }

    private static Object typed(String where, String typeName, JsonElement element) throws ConfigFileException {
        boolean isArray = typeName.endsWith("[]");
        Type type = Type.of(isArray ? typeName.substring(0, typeName.length() - 2) : typeName);
        if (type == null) {
            throw new ConfigFileException(where + ": unknown type '" + typeName + "' (String, Integer, Long, Float, "
                + "Double, Byte, Short, Character, Boolean, each optionally followed by [])");
        }
        if (isArray != element.isJsonArray()) {
            throw new ConfigFileException(where + ": " + (isArray
                ? "the type is " + typeName + " but the value is not an array"
                : "the value is an array; use " + typeName + "[]"));
        }
        return isArray ? array(where, type, element.getAsJsonArray()) : scalar(where, type, element);
    }

    private static Object array(String where, Type type, JsonArray items) throws ConfigFileException {
        Object array = Array.newInstance(type.javaType, items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, scalar(where + "[" + i + "]", type, items.get(i)));
        }
        return array;
    }

    private static Type inferred(String where, JsonElement element) throws ConfigFileException {
        JsonPrimitive primitive = primitive(where, element);
        if (primitive.isBoolean()) {
            return Type.BOOLEAN;
        }
        if (primitive.isNumber()) {
            return INTEGRAL.matcher(primitive.getAsString()).matches() ? Type.LONG : Type.DOUBLE;
        }
        return Type.STRING;
    }

    private static boolean isNumber(Type type) {
        return type == Type.LONG || type == Type.DOUBLE;
    }

    private static Object scalar(String where, Type type, JsonElement element) throws ConfigFileException {
        JsonPrimitive primitive = primitive(where, element);
        String text = primitive.getAsString();
        switch (type) {
            case STRING:
                return text;
            case BOOLEAN:
                if (primitive.isBoolean() || text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                throw new ConfigFileException(where + ": '" + text + "' is not a Boolean (true or false)");
            case CHARACTER:
                if (text.length() == 1) {
                    return text.charAt(0);
                }
                throw new ConfigFileException(where + ": '" + text + "' is not a single Character");
            case FLOAT:
            case DOUBLE:
                BigDecimal decimal = decimal(where, type, text);
                return type == Type.FLOAT ? (Object) decimal.floatValue() : (Object) decimal.doubleValue();
            default:
                return integral(where, type, text);
        }
    }

    private static JsonPrimitive primitive(String where, JsonElement element) throws ConfigFileException {
        if (element.isJsonNull()) {
            throw new ConfigFileException(where + ": null is not a configuration value (leave the property out)");
        }
        if (!element.isJsonPrimitive()) {
            throw new ConfigFileException(where + ": " + (element.isJsonObject() ? "an object" : "a nested array")
                + " is not a configuration value");
        }
        return element.getAsJsonPrimitive();
    }

    private static BigDecimal decimal(String where, Type type, String text) throws ConfigFileException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigFileException(where + ": '" + text + "' is not a " + type.label, e);
        }
    }

    private static Object integral(String where, Type type, String text) throws ConfigFileException {
        if (!INTEGRAL.matcher(text.trim()).matches()) {
            throw new ConfigFileException(where + ": '" + text + "' is not a whole number (" + type.label + ")");
        }
        BigInteger value = new BigInteger(text.trim());
        long min;
        long max;
        switch (type) {
            case BYTE -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case SHORT -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case INTEGER -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigFileException(where + ": " + text + " is out of range for " + type.label
                + " (" + min + " to " + max + ")");
        }
        long exact = value.longValue();
        return switch (type) {
            case BYTE -> (byte) exact;
            case SHORT -> (short) exact;
            case INTEGER -> (int) exact;
            default -> exact;
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
