package dev.cellbridge.gateway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One readable line for a message seen on the embedded broker: {@code mqtt <topic> <payload summary>}. The summary is
 * the payload itself when it is one line of UTF-8 text (cut at {@value #MAX_TEXT} characters), otherwise its size.
 */
final class MqttLine {

    /** Longest payload text shown; longer ones are cut and end with "...". */
    static final int MAX_TEXT = 160;

    private MqttLine() {
    }

    static String of(String topic, byte[] payload) {
        return "mqtt " + topic + " " + summary(payload);
    }

    static String summary(byte[] payload) {
        if (payload.length == 0) {
            return "(empty)";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return "(" + payload.length + " bytes)";
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return "(" + payload.length + " bytes)";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "... (" + payload.length + " bytes)";
    }
}
