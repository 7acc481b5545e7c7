package dev.cellbridge.at;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One command to send, with what the engine needs to know to take its answer.
 *
 * @param line            the command line without the terminating CR, e.g. {@code AT+QIRD=0,1500}
 * @param infoPrefixes    information lines starting with one of these belong to this command
 *                        (e.g. {@code +QIRD:}); any other {@code +} line is a URC
 * @param claimUnprefixed whether lines not starting with {@code +} (such as the answers of {@code ATI}
 *                        or {@code AT+CGSN}) belong to this command, except the channel's known bare URCs
 * @param timeout         how long to wait for the final result, or null for the channel's
 *                        {@link AtTimeouts} default for this command
 * @param payload         bytes to write at the {@code >} prompt, or null when the command has no prompt
 * @param secrets         parts of the line (a password) that the engine never shows: every log line, event and
 *                        exception message shows the line as {@link #display()} gives it; the bytes sent are
 *                        the line as it is
 */
public record AtCommand(String line, List<String> infoPrefixes, boolean claimUnprefixed, Duration timeout,
        OutgoingPayload payload, List<String> secrets) {

    /** What {@link #display()} shows instead of a secret. */
    public static final String MASK = "****";

    public AtCommand {
        Objects.requireNonNull(line, "line");
        if (line.isEmpty() || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command line must be one non-empty line without CR/LF: " + quote(line));
        }
        if (!line.regionMatches(true, 0, "AT", 0, 2) && !line.equals("A/")) {
            throw new IllegalArgumentException("command line must start with AT: " + quote(line));
        }
        infoPrefixes = List.copyOf(infoPrefixes);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        secrets = List.copyOf(secrets);
        for (String secret : secrets) {
            // the message must not show the secret either
            if (secret.isEmpty() || !line.contains(secret)) {
                throw new IllegalArgumentException("a secret of " + name(line)
                        + " must be a non-empty part of its line");
            }
        }
    }

    /** A command without secrets. */
    public AtCommand(String line, List<String> infoPrefixes, boolean claimUnprefixed, Duration timeout,
            OutgoingPayload payload) {
        this(line, infoPrefixes, claimUnprefixed, timeout, payload, List.of());
    }

    /**
     * A command whose information lines carry the prefix derived from its name ({@code AT+QISTATE=1,0}
     * claims {@code +QISTATE:}) and, unless it has a payload, unprefixed lines too.
     */
    public static AtCommand of(String line) {
        String prefix = defaultPrefix(line);
        return new AtCommand(line, prefix == null ? List.of() : List.of(prefix), true, null, null, List.of());
    }

    /** The same command with these information prefixes instead. */
    public AtCommand withPrefixes(String... prefixes) {
        return new AtCommand(line, List.of(prefixes), claimUnprefixed, timeout, payload, secrets);
    }

    /** The same command, taking (or not) lines that do not start with {@code +}. */
    public AtCommand withUnprefixedLines(boolean claim) {
        return new AtCommand(line, infoPrefixes, claim, timeout, payload, secrets);
    }

    /** The same command with an explicit timeout. */
    public AtCommand withTimeout(Duration value) {
        return new AtCommand(line, infoPrefixes, claimUnprefixed, value, payload, secrets);
    }

    /** The same command writing this payload at the {@code >} prompt. Echoed data is then never taken as lines. */
    public AtCommand withPayload(OutgoingPayload value) {
        return new AtCommand(line, infoPrefixes, false, timeout, value, secrets);
    }

    /**
     * The same command with one more secret: every occurrence of {@code secret} in the line is shown as
     * {@link #MASK} wherever the engine shows the line. An empty secret hides nothing and is ignored.
     *
     * @throws IllegalArgumentException when the secret does not occur in the line
     */
    public AtCommand withSecret(String secret) {
        if (secret.isEmpty()) {
            return this;
        }
        List<String> more = new ArrayList<>(secrets);
        more.add(secret);
        return new AtCommand(line, infoPrefixes, claimUnprefixed, timeout, payload, more);
    }

    /**
     * The line as logs, events and exception messages show it: each secret replaced by {@link #MASK}.
     * Without secrets, the line itself.
     */
    public String display() {
        if (secrets.isEmpty()) {
            return line;
        }
        // mark what any occurrence of any secret covers, then show each covered run as one mask: overlapping
        // or adjacent secrets leave no piece of either visible
        boolean[] hidden = new boolean[line.length()];
        for (String secret : secrets) {
            for (int at = line.indexOf(secret); at >= 0; at = line.indexOf(secret, at + 1)) {
                Arrays.fill(hidden, at, at + secret.length(), true);
            }
        }
        StringBuilder shown = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            if (!hidden[i]) {
                shown.append(line.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                shown.append(MASK);
            }
        }
        return shown.toString();
    }

    /** Shows {@link #display()}, never the secrets. */
    @Override
    public String toString() {
        return "AtCommand[line=" + display() + ", infoPrefixes=" + infoPrefixes + ", claimUnprefixed="
                + claimUnprefixed + ", timeout=" + timeout + ", payload=" + payload + ", secrets="
                + secrets.size() + "]";
    }

    /**
     * The command's name as the timeout table knows it: {@code AT+QIACT=1} gives {@code QIACT},
     * {@code ATI} gives {@code I}, {@code AT&D1} gives {@code &D}.
     */
    public String name() {
        return nameOf(line);
    }

    private static String name(String line) {
        String n = nameOf(line);
        return n.isEmpty() ? "the command" : n;
    }

    static String nameOf(String line) {
        String rest = line.substring(2).trim();
        int i = 0;
        if (i < rest.length() && (rest.charAt(i) == '+' || rest.charAt(i) == '&' || rest.charAt(i) == '$')) {
            boolean ampersand = rest.charAt(i) == '&';
            i++;
            if (ampersand) {
                return rest.length() > 1 ? "&" + Character.toUpperCase(rest.charAt(1)) : "&";
            }
        }
        int start = i;
        while (i < rest.length() && (Character.isLetterOrDigit(rest.charAt(i)) || rest.charAt(i) == '_')) {
            i++;
        }
        return rest.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /**
     * Write commands that answer only OK and report their outcome later in a URC of their own name
     * ({@code +QIOPEN: 0,0} ...): claiming that prefix would swallow the URC of an earlier command.
     */
    private static final java.util.Set<String> RESULT_IN_URC = java.util.Set.of("QIOPEN", "QPING", "QIACTEX",
            "QIDEACTEX");

    private static String defaultPrefix(String line) {
        if (line == null || line.length() < 2) {
            return null; // the constructor says what is wrong with it
        }
        String rest = line.substring(2).trim();
        if (!rest.startsWith("+")) {
            return null;
        }
        String name = nameOf(line);
        if (name.isEmpty()) {
            return null;
        }
        boolean write = line.indexOf('=') >= 0 && !line.endsWith("=?");
        return write && RESULT_IN_URC.contains(name) ? null : "+" + name + ":";
    }

    private static String quote(String s) {
        return '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
