package dev.cellbridge.cli.internal;

import dev.cellbridge.cli.Cellbridge;

/** {@code java -jar cellbridge-cli.jar ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The engine logs through SLF4J (slf4j-simple in this jar, on stderr): quiet unless asked.
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.exit(Cellbridge.run(System.in, System.out, System.err, args));
    }
}
