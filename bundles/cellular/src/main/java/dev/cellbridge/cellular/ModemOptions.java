package dev.cellbridge.cellular;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Modem} drives its module.
 *
 * @param name               used in thread names, logs and events
 * @param readChunk          bytes asked for per {@code AT+QIRD} in buffer mode, 1–1500 (default 1500)
 * @param sendFailRetries    how often a write retries after {@code SEND FAIL} (module buffer full) before it
 *                           fails, 0 or more (default 50)
 * @param sendFailBackoff    first wait after {@code SEND FAIL}; doubles up to {@link #sendFailBackoffMax()}
 * @param sendFailBackoffMax longest wait between retries
 * @param ackPollInterval    how often {@code awaitAcknowledged} asks {@code AT+QISEND=<id>,0}
 * @param activationTimeout  how long {@link Modem#activateAsync(int)} waits for {@code +QIACTEX} after the
 *                           module accepted the command before it fails (default: the note's 150 s)
 * @param deactivationTimeout how long {@link Modem#deactivateAsync(int)} waits for {@code +QIDEACTEX}
 *                           (default: the note's 40 s)
 */
public record ModemOptions(String name, int readChunk, int sendFailRetries, Duration sendFailBackoff,
        Duration sendFailBackoffMax, Duration ackPollInterval, Duration activationTimeout,
        Duration deactivationTimeout) {

    public ModemOptions {
        Objects.requireNonNull(name, "name");
        if (readChunk < 1 || readChunk > 1500) {
            throw new IllegalArgumentException("readChunk " + readChunk + " is out of range 1–1500 (QIRD read_length)");
        }
        if (sendFailRetries < 0) {
            throw new IllegalArgumentException("sendFailRetries must not be negative: " + sendFailRetries);
        }
        positive("sendFailBackoff", sendFailBackoff);
        positive("sendFailBackoffMax", sendFailBackoffMax);
        positive("ackPollInterval", ackPollInterval);
        positive("activationTimeout", activationTimeout);
        positive("deactivationTimeout", deactivationTimeout);
    }

    public static ModemOptions defaults() {
        return new ModemOptions("modem", 1500, 50, Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(150), Duration.ofSeconds(40));
    }

    public ModemOptions withName(String value) {
        return new ModemOptions(value, readChunk, sendFailRetries, sendFailBackoff, sendFailBackoffMax,
                ackPollInterval, activationTimeout, deactivationTimeout);
    }

    public ModemOptions withReadChunk(int value) {
        return new ModemOptions(name, value, sendFailRetries, sendFailBackoff, sendFailBackoffMax, ackPollInterval,
                activationTimeout, deactivationTimeout);
    }

    public ModemOptions withSendFailRetries(int retries, Duration backoff, Duration backoffMax) {
        return new ModemOptions(name, readChunk, retries, backoff, backoffMax, ackPollInterval, activationTimeout,
                deactivationTimeout);
    }

    /** How long the asynchronous activation and deactivation wait for their URCs. */
    public ModemOptions withContextTimeouts(Duration activation, Duration deactivation) {
        return new ModemOptions(name, readChunk, sendFailRetries, sendFailBackoff, sendFailBackoffMax,
                ackPollInterval, activation, deactivation);
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
