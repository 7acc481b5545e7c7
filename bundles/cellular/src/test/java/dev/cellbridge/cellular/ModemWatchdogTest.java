package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.at.AtTimeoutException;
import dev.cellbridge.at.AtTimeouts;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A hung simulator is rebooted by the watchdog after three unanswered commands, then answers again. */
class ModemWatchdogTest {

    @Test
    void rebootsAHungModuleAndCalmsDownWhenItAnswers() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0).build());
                AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                        AtChannelOptions.defaults().withName("wd")
                                .withTimeouts(AtTimeouts.defaults().withDefault(Duration.ofMillis(200))))) {
            AtomicInteger reboots = new AtomicInteger();
            RebootPolicy policy = new GrowingRebootPolicy(Clock.systemUTC(), 3,
                    List.of(Duration.ZERO, Duration.ofHours(1)), 2, Duration.ofHours(24));
            try (ModemWatchdog watchdog = new ModemWatchdog("wd", channel, policy, () -> {
                reboots.incrementAndGet();
                sim.reboot();
            }, Clock.systemUTC(), Duration.ofMillis(20))) {
                assertThat(channel.execute("AT").isOk()).isTrue();
                sim.hang();
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> channel.execute("AT+CSQ")).isInstanceOf(AtTimeoutException.class);
                }
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reboots.get() == 1);
                Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> channel.execute("AT").isOk());
                assertThat(policy.rebootDue()).isEmpty();
                assertThat(reboots.get()).isEqualTo(1);
            }
        }
    }
}
