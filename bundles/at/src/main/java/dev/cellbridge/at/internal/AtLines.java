package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtCommand;

/** Small helpers about command lines. */
final class AtLines {

    private AtLines() {
    }

    /** Whether the line is the named extended command ({@code AT+<name>...}), in any case. */
    static boolean isCommand(String line, String name) {
        return AtCommand.of(line).name().equals(name) && line.substring(2).trim().startsWith("+");
    }
}
