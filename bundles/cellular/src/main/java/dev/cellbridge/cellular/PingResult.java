package dev.cellbridge.cellular;

import java.util.List;

/**
 * A finished {@code AT+QPING}.
 *
 * @param replies one per request, in order
 * @param summary the final line
 */
public record PingResult(List<PingLine.Reply> replies, PingLine.Summary summary) {
    public PingResult {
        replies = List.copyOf(replies);
    }
}
