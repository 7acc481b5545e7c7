package dev.cellbridge.cli.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the status console ({@value ConsoleComponent#PID}). */
@ObjectClassDefinition(id = ConsoleComponent.PID, name = "cellbridge status console",
    description = "Prints the module's status (identity, PDP contexts, sockets) to standard output when a modem comes"
        + " up, then one line per event (URCs, modem state, context state). Optionally keeps an echo probe: one TCP"
        + " socket through the module that sends a short line every interval and prints the echo.")
@interface ConsoleConfiguration {

    @AttributeDefinition(name = "Modem name", required = false,
        description = "Follow only the modem with this modem.name; empty: every modem (the probe uses the first).")
    String modem_name() default "";

    @AttributeDefinition(name = "Probe host", required = false,
        description = "Echo server the probe connects to through the module (IP address or domain name);"
            + " empty: no probe.")
    String probe_host() default "";

    @AttributeDefinition(name = "Probe port", min = "1", max = "65535",
        description = "TCP port of the echo server.")
    int probe_port() default 7;

    @AttributeDefinition(name = "Probe interval (s)", min = "1", max = "3600",
        description = "Seconds between two probe lines.")
    int probe_interval() default 5;

    @AttributeDefinition(name = "Probe context", min = "1", max = "5",
        description = "PDP context (contextID) the probe socket uses; it must be activated (see the PDP context"
            + " component).")
    int probe_context() default 1;
}
