package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtTimeouts;
import dev.cellbridge.cellular.GrowingRebootPolicy;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.serial.LinkUri;
import dev.cellbridge.serial.SerialLinkException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The modem component's configuration, validated as a whole (the attributes of {@link ModemConfiguration}).
 *
 * @param name          {@code modem.name}
 * @param linkUri       {@code link.uri}
 * @param linkName      {@code link.name}: "" to open {@code linkUri}, else the SerialLink service of that name
 * @param init          commands run each time the link opens
 * @param timeouts      command timeouts
 * @param modemOptions  read chunk and SEND FAIL retries
 * @param watchdog      whether unanswered commands lead to reboots
 * @param watchdogInterval how often the watchdog checks
 * @param rebootFailures unanswered commands in a row before a reboot
 * @param rebootDelays  waits before the first, second, ... reboot
 * @param rebootDelayMax the longest wait
 * @param rebootCommand the command that reboots the module
 * @param reopenInitial first wait before reopening the link
 * @param reopenMax     the longest wait
 */
record ModemSettings(String name, String linkUri, String linkName, List<String> init, AtTimeouts timeouts,
        ModemOptions modemOptions, boolean watchdog, Duration watchdogInterval, int rebootFailures,
        List<Duration> rebootDelays, Duration rebootDelayMax, String rebootCommand, Duration reopenInitial,
        Duration reopenMax) {

    static final String NAME = "modem.name";
    static final String LINK_URI = "link.uri";
    static final String LINK_NAME = "link.name";
    static final String INIT = "init.commands";
    static final String TIMEOUT_COMMAND = "timeout.command";
    static final String TIMEOUT_QIACT = "timeout.qiact";
    static final String TIMEOUT_QIDEACT = "timeout.qideact";
    static final String TIMEOUT_QICLOSE = "timeout.qiclose";
    static final String WATCHDOG = "watchdog.enabled";
    static final String WATCHDOG_INTERVAL = "watchdog.interval";
    static final String REBOOT_FAILURES = "reboot.failures";
    static final String REBOOT_DELAYS = "reboot.delays";
    static final String REBOOT_DELAY_MAX = "reboot.delay.max";
    static final String REBOOT_COMMAND = "reboot.command";
    static final String REOPEN_INITIAL = "reopen.delay.initial";
    static final String REOPEN_MAX = "reopen.delay.max";
    static final String READ_CHUNK = "read.chunk";
    static final String SENDFAIL_RETRIES = "sendfail.retries";
    static final String SENDFAIL_BACKOFF = "sendfail.backoff";
    static final String SENDFAIL_BACKOFF_MAX = "sendfail.backoff.max";

    ModemSettings {
        init = List.copyOf(init);
        rebootDelays = List.copyOf(rebootDelays);
    }

    /**
     * Reads and checks every attribute.
     *
     * @throws BadAttributeException naming the first attribute that is wrong, its value and what is allowed
     */
    static ModemSettings from(Map<String, ?> properties) {
        Attributes a = new Attributes(properties);
        String name = a.string(NAME, "modem");
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new BadAttributeException(NAME, "'" + name + "'", "1–64 letters, digits, '.', '_' or '-'");
        }
        String linkName = a.string(LINK_NAME, "");
        String linkUri = a.string(LINK_URI, "/dev/ttyUSB2");
        if (linkName.isEmpty() && linkUri.isEmpty()) {
            throw new BadAttributeException(LINK_URI, "empty", "a device path, serial:<path>?... or tcp://host:port"
                    + " (or set " + LINK_NAME + ")");
        }
        if (linkName.isEmpty()) {
            try {
                LinkUri.parse(linkUri);
            } catch (SerialLinkException e) {
                throw new BadAttributeException(LINK_URI, "'" + linkUri + "'", "a device path, serial:<path>?baud=..."
                        + " or tcp://host:port (" + e.getMessage() + ")");
            }
        }
        List<String> init = a.strings(INIT, Modem.RECOMMENDED_INIT);
        for (String line : init) {
            requireCommand(INIT, line);
        }
        AtTimeouts timeouts = AtTimeouts.defaults()
                .withDefault(seconds(a.integer(TIMEOUT_COMMAND, 60, 1, 600, "s")));
        Duration qiact = seconds(a.integer(TIMEOUT_QIACT, 150, 1, 600, "s"));
        Duration qideact = seconds(a.integer(TIMEOUT_QIDEACT, 40, 1, 600, "s"));
        Duration qiclose = seconds(a.integer(TIMEOUT_QICLOSE, 10, 1, 600, "s"));
        timeouts = timeouts.with("QIACT", qiact).with("QIACTEX", qiact).with("QIDEACT", qideact)
                .with("QIDEACTEX", qideact).with("QICLOSE", qiclose);
        boolean watchdog = a.bool(WATCHDOG, true);
        Duration interval = seconds(a.integer(WATCHDOG_INTERVAL, 10, 1, 3600, "s"));
        int failures = a.integer(REBOOT_FAILURES, 3, 1, 100, "");
        List<Integer> delays = a.integers(REBOOT_DELAYS, List.of(0, 600, 1800), 0, 86_400, "s");
        if (delays.isEmpty()) {
            throw new BadAttributeException(REBOOT_DELAYS, "empty", "1 to 10 waits of 0–86400 s");
        }
        if (delays.size() > 10) {
            throw new BadAttributeException(REBOOT_DELAYS, delays.size() + " waits", "1 to 10 waits of 0–86400 s");
        }
        Duration delayMax = seconds(a.integer(REBOOT_DELAY_MAX, 86_400, 60, 604_800, "s"));
        String rebootCommand = a.string(REBOOT_COMMAND, "AT+CFUN=1,1");
        requireCommand(REBOOT_COMMAND, rebootCommand);
        int reopenInitial = a.integer(REOPEN_INITIAL, 1, 1, 3600, "s");
        int reopenMax = a.integer(REOPEN_MAX, 60, 1, 3600, "s");
        if (reopenMax < reopenInitial) {
            throw new BadAttributeException(REOPEN_MAX, Integer.toString(reopenMax),
                    "at least " + REOPEN_INITIAL + " (" + reopenInitial + " s), at most 3600 s");
        }
        int readChunk = a.integer(READ_CHUNK, 1500, 1, 1500, "bytes");
        int retries = a.integer(SENDFAIL_RETRIES, 50, 0, 10_000, "");
        int backoff = a.integer(SENDFAIL_BACKOFF, 20, 1, 60_000, "ms");
        int backoffMax = a.integer(SENDFAIL_BACKOFF_MAX, 1000, 1, 60_000, "ms");
        if (backoffMax < backoff) {
            throw new BadAttributeException(SENDFAIL_BACKOFF_MAX, Integer.toString(backoffMax),
                    "at least " + SENDFAIL_BACKOFF + " (" + backoff + " ms), at most 60000 ms");
        }
        ModemOptions options = ModemOptions.defaults().withName(name).withReadChunk(readChunk)
                .withSendFailRetries(retries, Duration.ofMillis(backoff), Duration.ofMillis(backoffMax));
        return new ModemSettings(name, linkUri, linkName, init, timeouts, options, watchdog, interval, failures,
                delays.stream().map(ModemSettings::seconds).toList(), delayMax, rebootCommand,
                seconds(reopenInitial), seconds(reopenMax));
    }

    /** Whether a change from {@code other} to this needs the link reopened (a new channel and Modem). */
    boolean needsReopenFrom(ModemSettings other) {
        return !name.equals(other.name) || !linkUri.equals(other.linkUri) || !linkName.equals(other.linkName)
                || !timeouts.equals(other.timeouts) || !modemOptions.equals(other.modemOptions);
    }

    /** Whether the watchdog has to be replaced for a change from {@code other} to this. */
    boolean watchdogDiffersFrom(ModemSettings other) {
        return watchdog != other.watchdog || !watchdogInterval.equals(other.watchdogInterval)
                || rebootFailures != other.rebootFailures || !rebootDelays.equals(other.rebootDelays)
                || !rebootDelayMax.equals(other.rebootDelayMax) || !rebootCommand.equals(other.rebootCommand);
    }

    /** What the link is, as published in {@code link.uri} before a named link is known. */
    String linkDescription() {
        return linkName.isEmpty() ? linkUri : "link.name=" + linkName;
    }

    AtChannelOptions channelOptions() {
        return AtChannelOptions.defaults().withName(name).withTimeouts(timeouts);
    }

    GrowingRebootPolicy rebootPolicy(Clock clock) {
        return new GrowingRebootPolicy(clock, rebootFailures, rebootDelays, 2.0, rebootDelayMax);
    }

    private static void requireCommand(String attribute, String line) {
        try {
            AtCommand.of(line);
        } catch (IllegalArgumentException e) {
            throw new BadAttributeException(attribute, "'" + line + "': " + e.getMessage());
        }
    }

    private static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
