package dev.cellbridge.cellular;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.ChannelEvent;
import dev.cellbridge.at.Subscription;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a channel for unanswered commands and reboots the module when its {@link RebootPolicy} says
 * so. Timeouts are reported by the channel; every check, commands completed since the last one count as
 * "the module answered". Owns one named thread, stopped by {@link #close()}.
 */
public final class ModemWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModemWatchdog.class);

    private final AtChannel channel;
    private final RebootPolicy policy;
    private final ModuleReset reset;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Subscription timeouts;
    private long commandsSeen;

    /**
     * @param checkEvery how often the policy is consulted
     */
    public ModemWatchdog(String name, AtChannel channel, RebootPolicy policy, ModuleReset reset, Clock clock,
            Duration checkEvery) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cellbridge-watchdog-" + name);
            t.setDaemon(true);
            return t;
        });
        this.commandsSeen = channel.statistics().commands();
        this.timeouts = channel.addListener(event -> {
            if (event instanceof ChannelEvent.CommandTimedOut t) {
                policy.unanswered(t.command());
            }
        });
        timer.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            long commands = channel.statistics().commands(); // counts answered commands only
            if (commands > commandsSeen) {
                policy.answered();
            }
            commandsSeen = commands;
            Optional<Instant> due = policy.rebootDue();
            if (due.isPresent() && !clock.instant().isBefore(due.get())) {
                LOG.warn("module unresponsive: rebooting it");
                try {
                    reset.reboot();
                } catch (IOException e) {
                    LOG.error("rebooting the module failed: {}", e.getMessage());
                }
                policy.rebooted();
            }
        } catch (RuntimeException e) {
            LOG.error("watchdog check failed", e);
        }
    }

    @Override
    public void close() {
        timeouts.close();
        timer.shutdownNow();
    }
}
