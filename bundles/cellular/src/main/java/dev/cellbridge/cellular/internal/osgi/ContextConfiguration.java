package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of the PDP context component (factory PID {@value CellularComponents#CONTEXT_FACTORY_PID}): one
 * configuration per context (AT+QICSGP, AT+QIACT, AT+QIDNSCFG).
 */
@ObjectClassDefinition(id = CellularComponents.CONTEXT_FACTORY_PID, name = "cellbridge PDP context",
        description = "One packet data (PDP) context of the module: the APN and login it connects with, and whether cellbridge"
                + " keeps it active. Applied in order: context settings (AT+QICSGP), activation (AT+QIACTEX), DNS servers"
                + " (AT+QIDNSCFG). Deleting the configuration deactivates the context.")
@interface ContextConfiguration {

    @AttributeDefinition(name = "Modem target",
            description = "Which modem: an OSGi filter on the modem's properties; (modem.name=modem) is the modem component"
                    + " with the default name.")
    String Modem_target() default "(modem.name=modem)";

    @AttributeDefinition(name = "Context ID", min = "1", max = "5",
            description = "The module's context number, 1–5 (up to five contexts may be active at once). Sockets name it"
                    + " when they open. One configuration per context ID and modem.")
    int context_id() default 1;

    @AttributeDefinition(name = "IP type", description = "Which IP versions the context carries.",
            options = {@Option(label = "IPv4", value = "IPv4"), @Option(label = "IPv6", value = "IPv6"),
                @Option(label = "IPv4 and IPv6", value = "IPv4v6")})
    String context_type() default "IPv4";

    @AttributeDefinition(name = "APN", required = false,
            description = "The access point name your operator gives (at most 99 characters); empty for the network's default.")
    String apn() default "";

    @AttributeDefinition(name = "Username", required = false,
            description = "Login for the APN, if the operator requires one (at most 127 bytes).")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Password for the APN login (at most 127 bytes). Never logged or published.")
    String password() default "";

    @AttributeDefinition(name = "Authentication", description = "How the login is sent to the network.",
            options = {@Option(label = "None", value = "none"), @Option(label = "PAP", value = "pap"),
                @Option(label = "CHAP", value = "chap"), @Option(label = "PAP or CHAP", value = "pap_or_chap")})
    String authentication() default "none";

    @AttributeDefinition(name = "Primary DNS server", required = false,
            description = "IP address of a DNS server to use instead of the one the network assigns; empty to keep the"
                    + " network's. Set after each activation.")
    String dns_primary() default "";

    @AttributeDefinition(name = "Secondary DNS server", required = false,
            description = "IP address of a second DNS server (needs the primary one); empty for none.")
    String dns_secondary() default "";

    @AttributeDefinition(name = "Activate", description = "Activate the context as soon as the modem is up. Off: the context"
            + " is only configured (and deactivated if it was active).")
    boolean activate() default true;

    @AttributeDefinition(name = "Reactivate", description = "When the network deactivates the context (+QIURC: \"pdpdeact\")"
            + " or an activation fails, try again after a wait that doubles each time, up to the longest wait.")
    boolean reactivate() default true;

    @AttributeDefinition(name = "Reactivation: first wait (s)", min = "1", max = "3600",
            description = "Wait before the first new attempt.")
    int reactivate_delay_initial() default 5;

    @AttributeDefinition(name = "Reactivation: longest wait (s)", min = "1", max = "86400",
            description = "Cap of the doubling wait between attempts (at least the first wait).")
    int reactivate_delay_max() default 300;
}
