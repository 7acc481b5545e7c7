package dev.cellbridge.at;

/**
 * Counters of one channel since it was opened.
 *
 * @param bytesIn          bytes read from the link
 * @param bytesOut         bytes written to the link
 * @param commands         commands completed (any result)
 * @param timeouts         commands that timed out
 * @param urcs             URCs delivered to the dispatcher
 * @param urcsDropped      URCs dropped because the dispatcher queue was full (a listener too slow)
 * @param overlongLines    lines dropped for exceeding the maximum line length
 * @param strayResults     final results that arrived with no command waiting (late answers), discarded
 * @param malformedPayloads hex payloads with invalid digits (delivered undecoded)
 */
public record ChannelStatistics(long bytesIn, long bytesOut, long commands, long timeouts, long urcs,
        long urcsDropped, long overlongLines, long strayResults, long malformedPayloads) {
}
