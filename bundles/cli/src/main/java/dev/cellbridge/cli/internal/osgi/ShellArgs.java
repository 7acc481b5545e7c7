package dev.cellbridge.cli.internal.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one shell command: options with a value ({@code -m NAME} or {@code --modem NAME}) from a fixed
 * set, then positional arguments. Usage errors are {@link IllegalArgumentException}s starting with the command.
 */
final class ShellArgs {

    private final String command;
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param allowed the long option names this command takes (without dashes); {@code -x} is taken as the long
     *                option starting with x
     */
    ShellArgs(String command, String[] args, Set<String> allowed) {
        this.command = command;
        String[] given = args == null ? new String[0] : args;
        int i = 0;
        while (i < given.length && given[i].startsWith("-") && given[i].length() > 1 && positional.isEmpty()) {
            String option = longName(given[i], allowed);
            if (i + 1 >= given.length) {
                throw usage(given[i] + " needs a value");
            }
            if (options.put(option, given[i + 1]) != null) {
                throw usage(given[i] + " given twice");
            }
            i += 2;
        }
        for (; i < given.length; i++) {
            positional.add(given[i]);
        }
    }

    private String longName(String arg, Set<String> allowed) {
        if (arg.startsWith("--") && allowed.contains(arg.substring(2))) {
            return arg.substring(2);
        }
        if (arg.length() == 2) {
            for (String name : allowed) {
                if (name.charAt(0) == arg.charAt(1)) {
                    return name;
                }
            }
        }
        throw usage("unknown option " + arg + (allowed.isEmpty() ? "" : " (options: --" + String.join(", --", allowed.stream().sorted().toList()) + ")"));
    }

    /** The option's value, or null. */
    String option(String name) {
        return options.get(name);
    }

    /** The option as an integer within a range, or the fallback. */
    int integer(String name, int fallback, int min, int max) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw usage("--" + name + " " + value + " is not a number");
        }
        if (parsed < min || parsed > max) {
            throw usage("--" + name + " " + parsed + " is out of range " + min + "–" + max);
        }
        return parsed;
    }

    List<String> positional() {
        return positional;
    }

    IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(command + ": " + problem);
    }
}
