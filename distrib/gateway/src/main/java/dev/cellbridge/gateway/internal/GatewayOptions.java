package dev.cellbridge.gateway.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's command line, parsed.
 *
 * @param configDir directory of configuration files applied through ConfigurationAdmin and watched
 * @param port      the module's port URI, handed to the components as framework property {@code cellbridge.port}
 * @param mqtt      the MQTT broker URL, framework property {@code cellbridge.mqtt}; empty: none given
 * @param shell     whether a Gogo shell runs on stdin
 * @param runFor    stop by itself after this long (status 0); empty: run until stopped
 * @param help      print the usage and exit
 */
record GatewayOptions(Optional<Path> configDir, String port, Optional<String> mqtt, Shell shell,
    Optional<Duration> runFor, boolean help) {

    /** Port used when {@code --port} is absent: the embedded simulator. */
    static final String DEFAULT_PORT = "sim:";

    static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar cellbridge-gateway.jar [--config DIR] [--port URI] [--mqtt URL] [--shell | --no-shell]",
        "                                        [--run-for SECONDS]",
        "  --config DIR  apply DIR's *.cfg, *.config and *.json files through ConfigurationAdmin, and follow",
        "                their changes (file name = PID; FACTORYPID~NAME.ext for a factory configuration)",
        "  --port URI    the module's port: a device path, serial:..., tcp://host:port; default sim: (an embedded",
        "                simulator routing 220.180.239.212:8009 to an embedded echo server); components read it as",
        "                framework property cellbridge.port. Unless DIR configures them, the gateway configures the",
        "                modem on this port and the status console (with sim: also PDP context 1, APN UNINET, and",
        "                the console's echo probe to 220.180.239.212:8009)",
        "  --mqtt URL    the MQTT broker the relay publishes to, e.g. tcp://127.0.0.1:1883; default: an embedded",
        "                broker on 127.0.0.1 and a free port, whose messages are printed; framework property",
        "                cellbridge.mqtt",
        "  --shell       Gogo shell on stdin/stdout (default when stdin and stdout are a terminal and no",
        "                --run-for is given); end of input or `exit 0` stops the gateway",
        "  --no-shell    no shell even on a terminal; stop with SIGTERM (Ctrl-C)",
        "  --run-for SECONDS  stop by itself after SECONDS (1-86400), with exit status 0");

    /** Longest --run-for: a day. */
    static final long MAX_RUN_FOR_SECONDS = 86_400;

    /** When the Gogo shell runs. */
    enum Shell {
        /** On a terminal (stdin and stdout both attached to one). */
        AUTO,
        ON,
        OFF
    }

    /** Parses the arguments; {@link UsageException} names the offending one. */
    static GatewayOptions parse(List<String> args) throws UsageException {
        Path configDir = null;
        String port = null;
        String mqtt = null;
        Shell shell = Shell.AUTO;
        Duration runFor = null;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--config" -> {
                    String value = value(name, inlineValue, args, i);
                    i += inlineValue == null ? 1 : 0;
                    configDir = once(name, configDir, Path.of(value));
                }
                case "--port" -> {
                    String value = value(name, inlineValue, args, i);
                    i += inlineValue == null ? 1 : 0;
                    port = once(name, port, value);
                }
                case "--mqtt" -> {
                    String value = value(name, inlineValue, args, i);
                    i += inlineValue == null ? 1 : 0;
                    mqtt = once(name, mqtt, value);
                }
                case "--run-for" -> {
                    String value = value(name, inlineValue, args, i);
                    i += inlineValue == null ? 1 : 0;
                    runFor = once(name, runFor, seconds(name, value));
                }
                case "--shell", "--no-shell" -> {
                    noValue(name, inlineValue);
                    Shell wanted = name.equals("--shell") ? Shell.ON : Shell.OFF;
                    if (shell != Shell.AUTO && shell != wanted) {
                        throw new UsageException("--shell and --no-shell exclude each other");
                    }
                    shell = wanted;
                }
                case "-h", "--help" -> {
                    noValue(name, inlineValue);
                    help = true;
                }
                default -> throw new UsageException(arg.startsWith("-")
                    ? "unknown option " + name : "unexpected argument '" + arg + "' (the gateway takes options only)");
            }
        }
        return new GatewayOptions(Optional.ofNullable(configDir), port == null ? DEFAULT_PORT : port,
            Optional.ofNullable(mqtt), shell, Optional.ofNullable(runFor), help);
    }

    private static Duration seconds(String name, String value) throws UsageException {
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " " + value + ": not a whole number of seconds");
        }
        if (seconds < 1 || seconds > MAX_RUN_FOR_SECONDS) {
            throw new UsageException(name + " " + seconds + " is out of range 1-" + MAX_RUN_FOR_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }

    private static String value(String name, String inlineValue, List<String> args, int index) throws UsageException {
        String value = inlineValue;
        if (value == null) {
            if (index + 1 >= args.size()) {
                throw new UsageException(name + " needs a value");
            }
            value = args.get(index + 1);
        }
        if (value.isBlank()) {
            throw new UsageException(name + " needs a non-empty value");
        }
        return value;
    }

    private static void noValue(String name, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value");
        }
    }

    private static <T> T once(String name, T previous, T value) throws UsageException {
        if (previous != null) {
            throw new UsageException(name + " given twice");
        }
        return value;
    }

    /** A command line the gateway cannot run with; the message names the problem. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
