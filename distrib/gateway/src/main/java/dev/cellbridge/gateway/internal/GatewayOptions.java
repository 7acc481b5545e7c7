package dev.cellbridge.gateway.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's command line, parsed.
 *
 * @param configDir directory of configuration files applied through ConfigurationAdmin and watched
 * @param port      the module's port URI, handed to the components as framework property {@code cellbridge.port}
 * @param mqtt      the MQTT broker URL, framework property {@code cellbridge.mqtt}; empty: none given
 * @param shell     whether a Gogo shell runs on stdin
 * @param help      print the usage and exit
 */
record GatewayOptions(Optional<Path> configDir, String port, Optional<String> mqtt, Shell shell, boolean help) {

    /** Port used when {@code --port} is absent: the embedded simulator. */
    static final String DEFAULT_PORT = "sim:";

    static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar cellbridge-gateway.jar [--config DIR] [--port URI] [--mqtt URL] [--shell | --no-shell]",
        "  --config DIR  apply DIR's *.cfg, *.config and *.json files through ConfigurationAdmin, and follow",
        "                their changes (file name = PID; FACTORYPID~NAME.ext for a factory configuration)",
        "  --port URI    the module's port: a device path, serial:..., tcp://host:port; default sim: (embedded",
        "                simulator); components read it as framework property cellbridge.port",
        "  --mqtt URL    MQTT broker, e.g. tcp://127.0.0.1:1883; framework property cellbridge.mqtt",
        "  --shell       Gogo shell on stdin/stdout (default when stdin and stdout are a terminal);",
        "                end of input or `exit` stops the gateway",
        "  --no-shell    no shell even on a terminal; stop with SIGTERM (Ctrl-C)");

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
            Optional.ofNullable(mqtt), shell, help);
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
