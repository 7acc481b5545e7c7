package dev.cellbridge.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of a socket bridge (factory PID {@code dev.cellbridge.relay.bridge}). */
@ObjectClassDefinition(id = BridgeComponent.FACTORY_PID, name = "cellbridge socket bridge",
        description = "Keeps one module socket open and relays it both ways to MQTT topics bridge/<name>/rx and "
                + "bridge/<name>/tx (a TCP listener: bridge/<name>/<connectId>/rx and tx per connection), reopening "
                + "with backoff. Needs the relay (dev.cellbridge.relay). See docs/mqtt.md.")
@interface BridgeConfiguration {

    @AttributeDefinition(name = "Bridge name", required = false,
            description = "Topic level of the bridge (letters, digits, . _ -). Empty: the configuration's name.")
    String bridge_name() default "";

    @AttributeDefinition(name = "Modem name", description = "modem.name of the modem to open the socket on.")
    String modem_name() default "modem";

    @AttributeDefinition(name = "Service type", description = "What to open.",
            options = {@Option(label = "TCP client", value = "TCP"), @Option(label = "UDP client", value = "UDP"),
                @Option(label = "TCP listener (server)", value = "TCP LISTENER"),
                @Option(label = "UDP service (server)", value = "UDP SERVICE")})
    String service_type() default "TCP";

    @AttributeDefinition(name = "Context id", min = "1", max = "5", description = "PDP context the socket uses.")
    int context_id() default 1;

    @AttributeDefinition(name = "Remote host", required = false,
            description = "TCP/UDP client: the server's IP address or domain name (at most 256 bytes).")
    String remote_host() default "";

    @AttributeDefinition(name = "Remote port", min = "0", max = "65535",
            description = "TCP/UDP client: the server's port (1–65535). Servers: 0.")
    int remote_port() default 0;

    @AttributeDefinition(name = "Local port", min = "0", max = "65535",
            description = "Servers: the port to listen on (1–65535). Clients: 0 for automatic.")
    int local_port() default 0;

    @AttributeDefinition(name = "Access mode", description = "How data reaches the host. Automatic: direct push for "
            + "a UDP client (in buffer mode the module may join its datagrams), buffer otherwise.",
            options = {@Option(label = "Automatic", value = "auto"),
                @Option(label = "Buffer (read on demand)", value = "buffer"),
                @Option(label = "Direct push", value = "push")})
    String access_mode() default "auto";

    @AttributeDefinition(name = "Reopen backoff min (ms)", min = "10", max = "600000",
            description = "First wait before reopening; doubles after each failure up to the maximum.")
    int reopen_min_ms() default 1000;

    @AttributeDefinition(name = "Reopen backoff max (ms)", min = "10", max = "3600000",
            description = "Longest wait between reopen attempts.")
    int reopen_max_ms() default 60000;

    @AttributeDefinition(name = "Transmit buffer (bytes)", min = "1", max = "67108864",
            description = "Bytes from MQTT waiting for the socket (e.g. while it is reopened), at most.")
    int tx_buffer_bytes() default 1048576;
}
