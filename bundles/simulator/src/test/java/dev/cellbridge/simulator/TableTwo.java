package dev.cellbridge.simulator;

import java.util.Map;

/**
 * The application note's Table 2 (chapter 4) as QIGETERROR prints it: {@code <err>, <description>} in lower case like
 * the example of 3.8; 571 is "cancel sending" (DESIGN.md seed note 2).
 */
final class TableTwo {
    static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(0, "operation success"), Map.entry(550, "unknown error"),
            Map.entry(551, "operation blocked"), Map.entry(552, "invalid parameters"),
            Map.entry(553, "memory not enough"), Map.entry(554, "socket creation failed"),
            Map.entry(555, "operation not supported"), Map.entry(556, "socket bind failed"),
            Map.entry(557, "socket listen failed"), Map.entry(558, "socket write failed"),
            Map.entry(559, "socket read failed"), Map.entry(560, "socket accept failed"),
            Map.entry(561, "pdp context opening failed"), Map.entry(562, "pdp context closure failed"),
            Map.entry(563, "socket identity has been used"), Map.entry(564, "dns busy"),
            Map.entry(565, "dns parse failed"), Map.entry(566, "socket connect failed"),
            Map.entry(567, "socket has been closed"), Map.entry(568, "operation busy"),
            Map.entry(569, "operation timeout"), Map.entry(570, "pdp context broken down"),
            Map.entry(571, "cancel sending"), Map.entry(572, "operation not allowed"),
            Map.entry(573, "apn not configured"), Map.entry(574, "port busy"));

    private TableTwo() {
    }

    /** The QIGETERROR information line for a code. */
    static String qigeterror(int code) {
        String d = DESCRIPTIONS.get(code);
        if (d == null) {
            throw new IllegalArgumentException("not in Table 2: " + code);
        }
        return "+QIGETERROR: " + code + ", " + d;
    }
}
