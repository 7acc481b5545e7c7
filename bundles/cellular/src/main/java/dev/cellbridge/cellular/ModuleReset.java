package dev.cellbridge.cellular;

import java.io.IOException;

/**
 * How to reboot the module when the {@link RebootPolicy} says so: e.g. {@code AT+CFUN=1,1}, or, for a
 * module that no longer answers AT commands, a GPIO line or a USB power switch of the gateway.
 */
@FunctionalInterface
public interface ModuleReset {
    void reboot() throws IOException;
}
