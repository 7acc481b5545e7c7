package dev.cellbridge.cellular;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The application note's reboot policy (§1.1): after {@code failuresBeforeReboot} unanswered commands in
 * a row, reboot after the first of {@code delays} (at once by default), then, while the module stays
 * unresponsive, after the next ones (10 and 30 minutes by default), each later one {@code growth} times
 * the one before, never more than {@code maxDelay}. An answered command resets it. Thread-safe; the
 * clock is injected so tests run in milliseconds.
 */
public final class GrowingRebootPolicy implements RebootPolicy {

    private final Clock clock;
    private final int failuresBeforeReboot;
    private final List<Duration> delays;
    private final double growth;
    private final Duration maxDelay;

    private int failures;
    private int rebootsWithoutAnswer;
    private Instant due;

    /**
     * @param clock                time source
     * @param failuresBeforeReboot unanswered commands in a row that make the module unresponsive, at least 1
     * @param delays               waits before the first, second, ... reboot (not empty)
     * @param growth               factor for each reboot beyond the listed delays, at least 1
     * @param maxDelay             the longest wait
     */
    public GrowingRebootPolicy(Clock clock, int failuresBeforeReboot, List<Duration> delays, double growth,
            Duration maxDelay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (failuresBeforeReboot < 1) {
            throw new IllegalArgumentException("failuresBeforeReboot must be at least 1: " + failuresBeforeReboot);
        }
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative())) {
            throw new IllegalArgumentException("delays must be a non-empty list of non-negative durations: " + delays);
        }
        if (!(growth >= 1)) {
            throw new IllegalArgumentException("growth must be at least 1: " + growth);
        }
        this.failuresBeforeReboot = failuresBeforeReboot;
        this.delays = List.copyOf(delays);
        this.growth = growth;
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /** 3 failures; at once, 10 min, 30 min, then doubling up to 24 h. */
    public static GrowingRebootPolicy applicationNote(Clock clock) {
        return new GrowingRebootPolicy(clock, 3, List.of(Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(30)),
                2.0, Duration.ofHours(24));
    }

    @Override
    public synchronized void unanswered(String command) {
        failures++;
        if (failures >= failuresBeforeReboot && due == null) {
            due = clock.instant().plus(delay(rebootsWithoutAnswer));
        }
    }

    @Override
    public synchronized void answered() {
        failures = 0;
        rebootsWithoutAnswer = 0;
        due = null;
    }

    @Override
    public synchronized void rebooted() {
        failures = 0;
        rebootsWithoutAnswer++;
        due = null;
    }

    @Override
    public synchronized Optional<Instant> rebootDue() {
        return Optional.ofNullable(due);
    }

    /** The wait before reboot number {@code n} (0-based) of an unresponsive stretch. */
    Duration delay(int n) {
        if (n < delays.size()) {
            return delays.get(n);
        }
        double millis = delays.get(delays.size() - 1).toMillis() * Math.pow(growth, n - delays.size() + 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
