package dev.cellbridge.at;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How long each command may take before it is declared timed out.
 *
 * <p>The defaults are the application note's maxima: QIACT, QIACTEX and QIOPEN 150 s; QIDEACT and
 * QIDEACTEX 40 s; QICLOSE 10 s (or its {@code <timeout>} parameter) plus {@link #closeMargin()};
 * QISTATE 300 ms; every other command 60 s.
 *
 * @param defaultTimeout for commands the table does not name
 * @param perCommand     by command name as {@link AtCommand#name()} gives it (upper case, e.g. {@code QIACT})
 * @param closeMargin    added to QICLOSE's own {@code <timeout>} parameter
 */
public record AtTimeouts(Duration defaultTimeout, Map<String, Duration> perCommand, Duration closeMargin) {

    public AtTimeouts {
        requirePositive("defaultTimeout", defaultTimeout);
        perCommand = Map.copyOf(perCommand);
        perCommand.forEach(AtTimeouts::requirePositive);
        Objects.requireNonNull(closeMargin, "closeMargin");
        if (closeMargin.isNegative()) {
            throw new IllegalArgumentException("closeMargin must not be negative: " + closeMargin);
        }
    }

    /** The application note's maxima. */
    public static AtTimeouts defaults() {
        Map<String, Duration> table = new HashMap<>();
        table.put("QIACT", Duration.ofSeconds(150));
        table.put("QIACTEX", Duration.ofSeconds(150));
        table.put("QIOPEN", Duration.ofSeconds(150));
        table.put("QIDEACT", Duration.ofSeconds(40));
        table.put("QIDEACTEX", Duration.ofSeconds(40));
        table.put("QICLOSE", Duration.ofSeconds(10));
        table.put("QISTATE", Duration.ofMillis(300));
        return new AtTimeouts(Duration.ofSeconds(60), table, Duration.ofSeconds(2));
    }

    /** This table with one command's timeout replaced. */
    public AtTimeouts with(String commandName, Duration timeout) {
        Map<String, Duration> table = new HashMap<>(perCommand);
        table.put(commandName.toUpperCase(Locale.ROOT), timeout);
        return new AtTimeouts(defaultTimeout, table, closeMargin);
    }

    /** This table with another default for the commands it does not name. */
    public AtTimeouts withDefault(Duration timeout) {
        return new AtTimeouts(timeout, perCommand, closeMargin);
    }

    /** The timeout for a command line, honouring QICLOSE's {@code <timeout>} parameter. */
    public Duration timeoutFor(String line) {
        String name = AtCommand.nameOf(line);
        if (name.equals("QICLOSE")) {
            // the module may take its whole <timeout> (default 10 s): allow a margin beyond it
            Duration own = closeParameter(line);
            return (own != null ? own : perCommand.getOrDefault(name, defaultTimeout)).plus(closeMargin);
        }
        return perCommand.getOrDefault(name, defaultTimeout);
    }

    /** QICLOSE's {@code <timeout>} (its second parameter), or null when the line gives none. */
    private static Duration closeParameter(String line) {
        AtFields params = AtFields.ofCommand(line);
        int seconds = params.size() < 2 ? -1 : AtFields.nonNegative(params.raw(1));
        return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " timeout must be positive: " + d);
        }
    }
}
