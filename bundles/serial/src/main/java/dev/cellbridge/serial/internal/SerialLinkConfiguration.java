package dev.cellbridge.serial.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one serial link (factory PID {@value SerialLinkComponent#PID}). Line settings
 * given as URI parameters win over these attributes; the attributes apply to what the URI leaves out.
 */
@ObjectClassDefinition(id = SerialLinkComponent.PID, name = "cellbridge serial link",
        description = "A byte link to a Quectel RGx00U/RM500U module: a serial port or a raw TCP port (ser2net, simulator)."
                + " Registers a SerialLink service while the port is open and reopens it with backoff when it disappears.")
@interface SerialLinkConfiguration {

    @AttributeDefinition(name = "Port URI",
            description = "Device path (/dev/ttyUSB2, COM3), serial:/dev/ttyUSB2?baud=921600&flow=rtscts,"
                    + " or tcp://host:port. Line settings given in a serial: URI win over the attributes below.")
    String uri();

    @AttributeDefinition(name = "Baud rate", min = "50", max = "16000000",
            description = "Bits per second, unless the URI gives baud=.")
    int baud() default 115_200;

    @AttributeDefinition(name = "Data bits", min = "5", max = "8",
            description = "5 to 8, unless the URI gives databits=.")
    int dataBits() default 8;

    @AttributeDefinition(name = "Parity", description = "Unless the URI gives parity=.", options = {
        @Option(label = "None", value = "none"),
        @Option(label = "Even", value = "even"),
        @Option(label = "Odd", value = "odd"),
        @Option(label = "Mark", value = "mark"),
        @Option(label = "Space", value = "space")})
    String parity() default "none";

    @AttributeDefinition(name = "Stop bits", description = "Unless the URI gives stopbits=. 1.5 is honoured on Windows only.",
            options = {
                @Option(label = "1", value = "1"),
                @Option(label = "1.5", value = "1.5"),
                @Option(label = "2", value = "2")})
    String stopBits() default "1";

    @AttributeDefinition(name = "Flow control", description = "Unless the URI gives flow=.", options = {
        @Option(label = "None", value = "none"),
        @Option(label = "RTS/CTS (hardware)", value = "rtscts"),
        @Option(label = "XON/XOFF (software)", value = "xonxoff")})
    String flowControl() default "none";

    @AttributeDefinition(name = "Reopen initial delay (ms)", min = "10",
            description = "Wait before the first reopen attempt after the port was lost or could not be opened;"
                    + " doubles after each failed attempt.")
    long reopenInitialDelayMs() default 1_000;

    @AttributeDefinition(name = "Reopen maximum delay (ms)", min = "10",
            description = "Cap of the doubling reopen delay.")
    long reopenMaxDelayMs() default 60_000;
}
