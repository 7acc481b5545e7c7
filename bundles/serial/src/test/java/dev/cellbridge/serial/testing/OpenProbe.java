package dev.cellbridge.serial.testing;

import dev.cellbridge.serial.SerialLink;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinks;

/**
 * Opens the link named by its argument and prints {@code OPENED} or {@code FAILED <reason> <message>};
 * run in a separate JVM under another user to test permission errors.
 */
public final class OpenProbe {

    private OpenProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (SerialLink link = SerialLinks.open(args[0])) {
            System.out.println("OPENED " + link.uri());
        } catch (SerialLinkException e) {
            System.out.println("FAILED " + e.reason() + " " + e.getMessage());
        }
    }
}
