package dev.cellbridge.relay.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics a relay message gets in a Kura payload (no Kura types here, so this is testable anywhere): {@code topic}
 * (below the prefix), for JSON messages every top-level string, number and boolean field (numbers as Long when whole,
 * else Double), for raw bytes their count as {@code bytes}. The message itself always goes in the body.
 */
final class CloudMetrics {

    private CloudMetrics() {
    }

    static Map<String, Object> of(String topic, byte[] payload, boolean json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", topic);
        if (json) {
            try {
                JsonElement e = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
                if (e.isJsonObject()) {
                    JsonObject o = e.getAsJsonObject();
                    for (Map.Entry<String, JsonElement> f : o.entrySet()) {
                        if (f.getValue().isJsonPrimitive()) {
                            m.putIfAbsent(f.getKey(), value(f.getValue().getAsJsonPrimitive()));
                        }
                    }
                }
            } catch (JsonParseException e) {
                // not JSON after all: body only
            }
        } else {
            m.put("bytes", payload.length);
        }
        return m;
    }

    private static Object value(JsonPrimitive p) {
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            java.math.BigDecimal d = p.getAsBigDecimal();
            return d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
        }
        return p.getAsString();
    }
}
