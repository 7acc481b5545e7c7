package dev.cellbridge.relay.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fleet command's JSON body with typed, range-checked access: every problem is a {@link BadRequest} naming the
 * field and what was wrong, before anything reaches the module.
 */
final class Request {

    /** What a requestId may be: it becomes a topic level, so no '/', '+', '#'. */
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final String op;
    private final JsonObject body;
    private final String requestId;

    private Request(String op, JsonObject body, String requestId) {
        this.op = op;
        this.body = body;
        this.requestId = requestId;
    }

    /**
     * Parses a request body.
     *
     * @throws BadRequest for a payload over {@code maxBytes}, bad UTF-8/JSON, a non-object, or a missing or invalid
     *                    requestId (then {@link BadRequest} carries no id to answer on)
     */
    static Request parse(String op, byte[] payload, int maxBytes) throws BadRequest {
        if (payload.length > maxBytes) {
            throw new BadRequest("payload of " + payload.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonParseException ex) {
            throw new BadRequest("body is not valid JSON: " + firstLine(ex.getMessage()));
        }
        if (e == null || !e.isJsonObject()) {
            throw new BadRequest("body must be a JSON object, not " + kind(e));
        }
        JsonObject o = e.getAsJsonObject();
        JsonElement id = o.get("requestId");
        if (id == null || id.isJsonNull()) {
            throw new BadRequest("requestId is missing");
        }
        if (!id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString()) {
            throw new BadRequest("requestId must be a string, not " + kind(id));
        }
        String requestId = id.getAsString();
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new BadRequest("requestId must be 1–64 characters of A-Z a-z 0-9 . _ : - starting with a letter or "
                    + "digit: \"" + abbreviate(requestId) + "\"");
        }
        return new Request(op, o, requestId);
    }

    String op() {
        return op;
    }

    String requestId() {
        return requestId;
    }

    boolean has(String field) {
        JsonElement v = body.get(field);
        return v != null && !v.isJsonNull();
    }

    /** Refuses fields the operation does not know (a typo would otherwise be silently ignored). */
    void allowOnly(Set<String> fields) throws BadRequest {
        for (String k : body.keySet()) {
            if (!k.equals("requestId") && !fields.contains(k)) {
                throw new BadRequest("unknown field \"" + abbreviate(k) + "\" for op " + op + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
    }

    int requireInt(String field, int min, int max) throws BadRequest {
        if (!has(field)) {
            throw new BadRequest(field + " is missing (an integer " + min + "–" + max + ")");
        }
        return intValue(field, min, max);
    }

    int optionalInt(String field, int fallback, int min, int max) throws BadRequest {
        return has(field) ? intValue(field, min, max) : fallback;
    }

    private int intValue(String field, int min, int max) throws BadRequest {
        JsonElement v = body.get(field);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new BadRequest(field + " must be an integer " + min + "–" + max + ", not " + kind(v));
        }
        BigDecimal d;
        try {
            d = v.getAsBigDecimal();
        } catch (NumberFormatException e) {
            // JSON allows exponents BigDecimal cannot hold (1e9999999999): not a number the relay can use
            throw new BadRequest(field + " must be an integer " + min + "–" + max + ", not "
                    + abbreviate(v.getAsString()));
        }
        if (d.stripTrailingZeros().scale() > 0) {
            throw new BadRequest(field + " must be an integer " + min + "–" + max + ", not " + d);
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new BadRequest(field + " " + d.toPlainString() + " is out of range " + min + "–" + max);
        }
        return d.intValueExact();
    }

    String requireString(String field, int maxLength) throws BadRequest {
        if (!has(field)) {
            throw new BadRequest(field + " is missing (a string)");
        }
        return stringValue(field, maxLength);
    }

    Optional<String> optionalString(String field, int maxLength) throws BadRequest {
        return has(field) ? Optional.of(stringValue(field, maxLength)) : Optional.empty();
    }

    private String stringValue(String field, int maxLength) throws BadRequest {
        JsonElement v = body.get(field);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new BadRequest(field + " must be a string, not " + kind(v));
        }
        String s = v.getAsString();
        if (s.isEmpty()) {
            throw new BadRequest(field + " must not be empty");
        }
        if (s.length() > maxLength) {
            throw new BadRequest(field + " is longer than " + maxLength + " characters");
        }
        return s;
    }

    boolean optionalBoolean(String field, boolean fallback) throws BadRequest {
        if (!has(field)) {
            return fallback;
        }
        JsonElement v = body.get(field);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            throw new BadRequest(field + " must be true or false, not " + kind(v));
        }
        return v.getAsBoolean();
    }

    /** One of the given words (case-insensitive), returned as given in {@code choices}. */
    String choice(String field, String fallback, String... choices) throws BadRequest {
        if (!has(field)) {
            if (fallback == null) {
                throw new BadRequest(field + " is missing (one of " + String.join(", ", choices) + ")");
            }
            return fallback;
        }
        String s = stringValue(field, 64);
        for (String c : choices) {
            if (c.equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new BadRequest(field + " must be one of " + String.join(", ", choices) + ": \"" + abbreviate(s) + "\"");
    }

    /** Bytes from {@code data} (base64) or {@code text} (UTF-8): exactly one of them. */
    byte[] payloadBytes(int maxBytes) throws BadRequest {
        boolean data = has("data");
        boolean text = has("text");
        if (data == text) {
            throw new BadRequest("give exactly one of data (base64) and text (UTF-8)");
        }
        byte[] bytes;
        if (data) {
            JsonElement v = body.get("data");
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new BadRequest("data must be a base64 string, not " + kind(v));
            }
            try {
                bytes = Base64.getDecoder().decode(v.getAsString());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("data is not valid base64: " + e.getMessage());
            }
        } else {
            JsonElement v = body.get("text");
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new BadRequest("text must be a string, not " + kind(v));
            }
            bytes = v.getAsString().getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length == 0) {
            throw new BadRequest("nothing to send: the data is empty");
        }
        if (bytes.length > maxBytes) {
            throw new BadRequest("data of " + bytes.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        return bytes;
    }

    /** The raw JSON object of a field (for config properties). */
    JsonObject requireObject(String field) throws BadRequest {
        if (!has(field)) {
            throw new BadRequest(field + " is missing (a JSON object)");
        }
        JsonElement v = body.get(field);
        if (!v.isJsonObject()) {
            throw new BadRequest(field + " must be a JSON object, not " + kind(v));
        }
        return v.getAsJsonObject();
    }

    static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return "a boolean";
        }
        if (p.isNumber()) {
            return "the number " + p.getAsString();
        }
        return "the string \"" + abbreviate(p.getAsString()) + "\"";
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
