package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.SerialLink;
import java.util.Optional;

/** A link as its provider made it, with a cheap health check that needs no reading. */
public interface ProviderLink extends SerialLink {

    /**
     * Why the link is unusable, or empty while it looks fine: closed, broken, or (for serial ports)
     * the device path no longer names the device that was opened or the driver no longer answers.
     * Does not read or write.
     */
    Optional<String> problem();

    /** Closes the link; never fails (a broken link is released all the same). */
    @Override
    void close();
}
