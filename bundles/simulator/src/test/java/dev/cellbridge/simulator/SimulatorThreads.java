package dev.cellbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;

/** Checks that stopped simulators leave none of their threads (all named {@code cellbridge-sim-*}) behind. */
final class SimulatorThreads {
    private SimulatorThreads() {
    }

    /** Waits (bounded) until no simulator thread is alive; fails naming the survivors and what they are doing. */
    static void assertNoneAlive() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.isAlive() && t.getName().startsWith("cellbridge-sim-"))
                        .map(t -> t.getName() + " " + t.getState() + " " + Arrays.toString(t.getStackTrace()))
                        .toList()).isEmpty());
    }
}
