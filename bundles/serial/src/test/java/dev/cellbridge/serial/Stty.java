package dev.cellbridge.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Reads a terminal's settings with {@code stty -a}, the way the kernel holds them. */
final class Stty {

    private Stty() {
    }

    /** The output of {@code stty -F device -a}, with line breaks turned into spaces and a space at both ends. */
    static String settings(String device) throws IOException, InterruptedException {
        Process stty = new ProcessBuilder("stty", "-F", device, "-a").redirectErrorStream(true).start();
        String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!stty.waitFor(10, TimeUnit.SECONDS) || stty.exitValue() != 0) {
            throw new IOException("stty failed: " + out);
        }
        return " " + out.replaceAll("[\\s;]+", " ") + " ";
    }
}
