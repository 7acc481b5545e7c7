package dev.cellbridge.at;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a channel behaves. {@link #defaults()} gives the application note's values; the {@code with}
 * methods return changed copies.
 *
 * @param name             used in thread names and log lines (e.g. the modem's name)
 * @param timeouts         per-command timeouts
 * @param maxLineLength    longer lines are dropped (and counted) rather than buffered without bound
 * @param urcQueueCapacity URCs waiting for slow listeners beyond this are dropped (and counted)
 * @param guardTime        silence before and after {@code +++} (the note: at least 1 s)
 * @param dataBufferBytes  transparent-mode bytes buffered for a slow reader before the link is paused
 * @param bareUrcs         lines without a {@code +} that are URCs even while a command claims unprefixed lines
 * @param resyncQuiet      after a timeout, how long to listen for a late answer while resynchronizing
 * @param cancelWait       after Esc cancels a payload, how long to wait for the module's answer
 */
public record AtChannelOptions(String name, AtTimeouts timeouts, int maxLineLength, int urcQueueCapacity,
        Duration guardTime, int dataBufferBytes, List<String> bareUrcs, Duration resyncQuiet, Duration cancelWait) {

    public AtChannelOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeouts, "timeouts");
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64: " + maxLineLength);
        }
        if (urcQueueCapacity < 1) {
            throw new IllegalArgumentException("urcQueueCapacity must be positive: " + urcQueueCapacity);
        }
        if (guardTime.isNegative()) {
            throw new IllegalArgumentException("guardTime must not be negative: " + guardTime);
        }
        if (dataBufferBytes < 1024) {
            throw new IllegalArgumentException("dataBufferBytes must be at least 1024: " + dataBufferBytes);
        }
        bareUrcs = List.copyOf(bareUrcs);
        Objects.requireNonNull(resyncQuiet, "resyncQuiet");
        Objects.requireNonNull(cancelWait, "cancelWait");
    }

    /** The application note's timeouts and guard time; 4 KiB lines; 64 Ki queued URCs; 256 KiB data buffer. */
    public static AtChannelOptions defaults() {
        return new AtChannelOptions("modem", AtTimeouts.defaults(), 4096, 65536, Duration.ofSeconds(1), 256 * 1024,
                List.of("RDY", "RING", "POWERED DOWN", "NORMAL POWER DOWN"), Duration.ofMillis(200),
                Duration.ofMillis(500));
    }

    public AtChannelOptions withName(String value) {
        return new AtChannelOptions(value, timeouts, maxLineLength, urcQueueCapacity, guardTime, dataBufferBytes,
                bareUrcs, resyncQuiet, cancelWait);
    }

    public AtChannelOptions withTimeouts(AtTimeouts value) {
        return new AtChannelOptions(name, value, maxLineLength, urcQueueCapacity, guardTime, dataBufferBytes,
                bareUrcs, resyncQuiet, cancelWait);
    }

    public AtChannelOptions withMaxLineLength(int value) {
        return new AtChannelOptions(name, timeouts, value, urcQueueCapacity, guardTime, dataBufferBytes, bareUrcs,
                resyncQuiet, cancelWait);
    }

    public AtChannelOptions withUrcQueueCapacity(int value) {
        return new AtChannelOptions(name, timeouts, maxLineLength, value, guardTime, dataBufferBytes, bareUrcs,
                resyncQuiet, cancelWait);
    }

    public AtChannelOptions withGuardTime(Duration value) {
        return new AtChannelOptions(name, timeouts, maxLineLength, urcQueueCapacity, value, dataBufferBytes,
                bareUrcs, resyncQuiet, cancelWait);
    }

    public AtChannelOptions withDataBufferBytes(int value) {
        return new AtChannelOptions(name, timeouts, maxLineLength, urcQueueCapacity, guardTime, value, bareUrcs,
                resyncQuiet, cancelWait);
    }

    public AtChannelOptions withResyncQuiet(Duration value) {
        return new AtChannelOptions(name, timeouts, maxLineLength, urcQueueCapacity, guardTime, dataBufferBytes,
                bareUrcs, value, cancelWait);
    }

    public AtChannelOptions withCancelWait(Duration value) {
        return new AtChannelOptions(name, timeouts, maxLineLength, urcQueueCapacity, guardTime, dataBufferBytes,
                bareUrcs, resyncQuiet, value);
    }
}
