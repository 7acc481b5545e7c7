package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of the modem component (PID {@value CellularComponents#MODEM_PID}). The component reads the
 * properties itself ({@link ModemSettings}); the limits here are the ones it enforces.
 */
@ObjectClassDefinition(id = CellularComponents.MODEM_PID, name = "cellbridge modem",
        description = "A Quectel RG200U/RG500U/RM500U module driven over AT commands: which link it is on, the commands"
                + " sent when it comes up, command timeouts, and when an unresponsive module is rebooted."
                + " Registers the Modem service while the module answers.")
@interface ModemConfiguration {

    @AttributeDefinition(name = "Modem name",
            description = "A name for this modem, used in logs, events and by the other cellbridge components"
                    + " (their 'Modem target' selects a modem by this name).")
    String modem_name() default "modem";

    @AttributeDefinition(name = "Link URI",
            description = "Where the module's AT port is: a device path (/dev/ttyUSB2), serial:/dev/ttyUSB2?baud=921600&flow=rtscts,"
                    + " or tcp://host:port (ser2net, the simulator). Ignored when 'Serial link name' is set.")
    String link_uri() default "/dev/ttyUSB2";

    @AttributeDefinition(name = "Serial link name", required = false,
            description = "Leave empty to open 'Link URI' directly. Otherwise the name (link.name) of a link configured as a"
                    + " 'cellbridge serial link' component: the modem uses that link while it is available and 'Link URI' is ignored.")
    String link_name() default "";

    @AttributeDefinition(name = "Initialization commands", cardinality = 20, required = false,
            description = "AT commands sent in order each time the link opens (after a module reboot too); the first one the"
                    + " module refuses stops the start-up and the link is retried. ATE0 turns command echo off and"
                    + " AT+QISDE=0 data echo off, which the driver's throughput depends on.")
    String[] init_commands() default {"ATE0", "AT+QISDE=0"};

    @AttributeDefinition(name = "Command timeout (s)", min = "1", max = "600",
            description = "How long a command may take before it counts as unanswered, for every command not listed below."
                    + " The application note: 60 s.")
    int timeout_command() default 60;

    @AttributeDefinition(name = "QIACT timeout (s)", min = "1", max = "600",
            description = "How long AT+QIACT may take, and AT+QIACTEX to answer OK (the PDP context component then waits"
                    + " the note's 150 s for the +QIACTEX result). The application note: 150 s, determined by the network.")
    int timeout_qiact() default 150;

    @AttributeDefinition(name = "QIDEACT timeout (s)", min = "1", max = "600",
            description = "How long context deactivation (AT+QIDEACT, AT+QIDEACTEX) may take. The application note: 40 s.")
    int timeout_qideact() default 40;

    @AttributeDefinition(name = "QICLOSE timeout (s)", min = "1", max = "600",
            description = "How long closing a socket (AT+QICLOSE without its own timeout) may take. The application note: 10 s.")
    int timeout_qiclose() default 10;

    @AttributeDefinition(name = "Watchdog", description = "Watch for unanswered commands and reboot the module as the reboot"
            + " policy below says. Off: an unresponsive module is never rebooted by cellbridge.")
    boolean watchdog_enabled() default true;

    @AttributeDefinition(name = "Watchdog check interval (s)", min = "1", max = "3600",
            description = "How often the watchdog looks at unanswered commands and decides on a reboot.")
    int watchdog_interval() default 10;

    @AttributeDefinition(name = "Unanswered commands before reboot", min = "1", max = "100",
            description = "Commands without an answer in a row that make the module unresponsive. The application note: 3.")
    int reboot_failures() default 3;

    @AttributeDefinition(name = "Reboot delays (s)", cardinality = 10, min = "0", max = "86400",
            description = "Wait before the 1st, 2nd, 3rd ... reboot while the module stays unresponsive; after the last one"
                    + " each wait doubles, up to 'Longest reboot delay'. The application note: at once, 10 min, 30 min, then growing.")
    int[] reboot_delays() default {0, 600, 1800};

    @AttributeDefinition(name = "Longest reboot delay (s)", min = "60", max = "604800",
            description = "Cap of the growing wait between reboots.")
    int reboot_delay_max() default 86_400;

    @AttributeDefinition(name = "Reboot command",
            description = "The AT command that restarts the module.")
    String reboot_command() default "AT+CFUN=1,1";

    @AttributeDefinition(name = "Reopen delay (s)", min = "1", max = "3600",
            description = "Wait before opening the link again after it failed, was lost, or the module rebooted; doubles after each failed attempt.")
    int reopen_delay_initial() default 1;

    @AttributeDefinition(name = "Longest reopen delay (s)", min = "1", max = "3600",
            description = "Cap of the doubling reopen delay (at least 'Reopen delay').")
    int reopen_delay_max() default 60;

    @AttributeDefinition(name = "Read chunk (bytes)", min = "1", max = "1500",
            description = "Bytes asked for per AT+QIRD when reading a buffer-mode socket (the module's maximum: 1500).")
    int read_chunk() default 1500;

    @AttributeDefinition(name = "SEND FAIL retries", min = "0", max = "10000",
            description = "How often a socket write retries when the module answers SEND FAIL (its send buffer is full) before the write fails.")
    int sendfail_retries() default 50;

    @AttributeDefinition(name = "SEND FAIL first wait (ms)", min = "1", max = "60000",
            description = "Wait before the first retry after SEND FAIL; doubles up to 'SEND FAIL longest wait'.")
    int sendfail_backoff() default 20;

    @AttributeDefinition(name = "SEND FAIL longest wait (ms)", min = "1", max = "60000",
            description = "Cap of the doubling wait between SEND FAIL retries (at least the first wait).")
    int sendfail_backoff_max() default 1000;
}
