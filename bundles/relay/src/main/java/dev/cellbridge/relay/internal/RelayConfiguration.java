package dev.cellbridge.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the relay (PID {@code dev.cellbridge.relay}). */
@ObjectClassDefinition(id = RelayComponent.PID, name = "cellbridge relay",
        description = "Posts what the module reports (URCs, socket data, socket, context and modem state) on the OSGi "
                + "EventAdmin bus and MQTT, and runs fleet commands received over MQTT. See docs/mqtt.md.")
@interface RelayConfiguration {

    @AttributeDefinition(name = "Device id", required = false,
            description = "Names this gateway in the state message and the default topic prefix. Empty: the host name.")
    String device_id() default "";

    @AttributeDefinition(name = "Topic prefix", required = false,
            description = "Prefix of every MQTT topic, e.g. cellbridge/gw-17/. Empty: cellbridge/<device id>/.")
    String topic_prefix() default "";

    @AttributeDefinition(name = "Broker URL", required = false,
            description = "The MQTT broker: tcp://host:1883 or ssl://host:8883. Empty: no MQTT client of our own "
                    + "(on Kura, messages then go only through the cloud publisher below).")
    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Client id", required = false,
            description = "MQTT client id. Empty: cellbridge-<device id>.")
    String client_id() default "";

    @AttributeDefinition(name = "Username", required = false, description = "MQTT username; empty for none.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "MQTT password; empty for none. Never logged or published.")
    String password() default "";

    @AttributeDefinition(name = "Trust store", required = false,
            description = "Path of a trust store (PKCS12 or JKS) with the broker's CA for ssl:// URLs. Empty: the "
                    + "JVM's default trust store.")
    String trust_store_path() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the trust store; empty for none.")
    String trust_store_password() default "";

    @AttributeDefinition(name = "QoS", min = "0", max = "2",
            description = "MQTT quality of service of everything the relay publishes and subscribes: 0 at most once, "
                    + "1 at least once, 2 exactly once to a broker that keeps sessions (see docs/mqtt.md).")
    int qos() default 1;

    @AttributeDefinition(name = "Clean session",
            description = "MQTT clean session. Off (recommended): the broker keeps the relay's subscriptions and "
                    + "in-flight messages across reconnects, so commands sent while the gateway was offline arrive.")
    boolean clean_session() default false;

    @AttributeDefinition(name = "Keepalive (s)", min = "0", max = "65535", description = "MQTT keepalive interval.")
    int keepalive() default 30;

    @AttributeDefinition(name = "Reconnect backoff min (ms)", min = "10", max = "600000",
            description = "First wait after a failed connect; doubles after each failure up to the maximum.")
    int reconnect_min_ms() default 1000;

    @AttributeDefinition(name = "Reconnect backoff max (ms)", min = "10", max = "3600000",
            description = "Longest wait between connect attempts.")
    int reconnect_max_ms() default 60000;

    @AttributeDefinition(name = "Outbox directory", required = false,
            description = "Directory of the store-and-forward queue (one file per message). Empty: the bundle's "
                    + "data area.")
    String outbox_dir() default "";

    @AttributeDefinition(name = "Outbox capacity", min = "1", max = "10000000",
            description = "Messages kept while the broker is away; when full the oldest is dropped and counted.")
    int outbox_capacity() default 10000;

    @AttributeDefinition(name = "Outbox fsync",
            description = "Force each queued message to the storage device: survives power loss, costs a flush per "
                    + "message. Off: a crash of the process loses nothing, a power loss may lose the last seconds.")
    boolean outbox_fsync() default false;

    @AttributeDefinition(name = "Event queue size", min = "16", max = "10000000",
            description = "Events waiting for the relay's event thread; beyond it events are dropped and counted "
                    + "(log and state), never blocking the module's reader.")
    int event_queue_size() default 10000;

    @AttributeDefinition(name = "Modem name",
            description = "modem.name of the modem that fleet commands and socket topics act on. URCs of every modem "
                    + "are relayed.")
    String modem_name() default "modem";

    @AttributeDefinition(name = "Largest payload (bytes)", min = "64", max = "16777216",
            description = "Largest command body or tx payload accepted; larger ones get an error reply.")
    int max_payload() default 65536;

    @AttributeDefinition(name = "Command threads", min = "1", max = "16",
            description = "Fleet commands run at once (each may wait for the module up to its AT timeout).")
    int command_threads() default 2;

    @AttributeDefinition(name = "Raw AT over MQTT",
            description = "Allow cmd/at (raw AT commands from the fleet). Off by default.")
    boolean at_enabled() default false;

    @AttributeDefinition(name = "Raw AT allow-list", required = false,
            description = "Command prefixes cmd/at accepts (case-insensitive), e.g. AT+QISTATE.")
    String[] at_allow() default {"ATI", "AT+CSQ", "AT+QISTATE", "AT+QIACT?", "AT+QIGETERROR", "AT+QPING"};

    @AttributeDefinition(name = "CloudPublisher target filter", required = true,
            description = "On Kura: the Cloud Publisher (OSGi filter on its kura.service.pid) to publish through "
                    + "instead of the relay's own MQTT client. Unused outside Kura.")
    String CloudPublisher_target() default "(kura.service.pid=changeme)";
}
