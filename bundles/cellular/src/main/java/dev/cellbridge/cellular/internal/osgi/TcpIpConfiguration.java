package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.CellularComponents;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of the TCP/IP options component (PID {@value CellularComponents#TCPIP_PID}): the application note's
 * fourteen {@code AT+QICFG} options (§2.3.1) with its ranges and defaults.
 */
@ObjectClassDefinition(id = CellularComponents.TCPIP_PID, name = "cellbridge TCP/IP options",
        description = "The module's TCP/IP stack options (AT+QICFG, application note 2.3.1). They take effect at once;"
                + " the module forgets them when it restarts, and cellbridge applies them again each time the modem comes up.")
@interface TcpIpConfiguration {

    @AttributeDefinition(name = "Modem target",
            description = "Which modem gets these options: an OSGi filter on the modem's properties; (modem.name=modem) is the"
                    + " modem component with the default name.")
    String Modem_target() default "(modem.name=modem)";

    @AttributeDefinition(name = "Transparent mode: packet size (bytes) [transpktsize]", min = "1", max = "1460",
            description = "In transparent mode, the module sends a packet as soon as this many bytes are waiting. 1–1460, default 1024.")
    int transparent_packet_size() default 1024;

    @AttributeDefinition(name = "Transparent mode: wait before sending (x 100 ms) [transwaittm]", min = "0", max = "20",
            description = "In transparent mode, fewer bytes than the packet size are sent after this quiet time, in units of 100 ms."
                    + " 0–20 (0 to 2 s), default 2 (200 ms).")
    int transparent_wait_time() default 2;

    @AttributeDefinition(name = "Send data format [dataformat]",
            description = "How data handed to AT+QISEND is written: as is (text) or as two hex digits per byte. Default text.",
            options = {@Option(label = "Text (bytes as they are)", value = "text"),
                @Option(label = "Hex (two hex digits per byte)", value = "hex")})
    String data_format_send() default "text";

    @AttributeDefinition(name = "Receive data format [dataformat]",
            description = "How received data is output: as is (text) or as two hex digits per byte. Default text.",
            options = {@Option(label = "Text (bytes as they are)", value = "text"),
                @Option(label = "Hex (two hex digits per byte)", value = "hex")})
    String data_format_receive() default "text";

    @AttributeDefinition(name = "Received data view mode [viewmode]",
            description = "Layout of received data outside transparent mode: the header line, then CR LF, then the data (0),"
                    + " or header and data on one line separated by a comma (1). Default 0.",
            options = {@Option(label = "0: header CR LF data", value = "0"),
                @Option(label = "1: header,data", value = "1")})
    int view_mode() default 0;

    @AttributeDefinition(name = "TCP retransmissions: maximum count [tcp/retranscfg max_backoffs]", min = "3", max = "20",
            description = "How many times an unacknowledged TCP segment is sent again before the connection fails. 3–20, default 8.")
    int tcp_retransmission_backoffs() default 8;

    @AttributeDefinition(name = "TCP retransmissions: longest interval (x 100 ms) [tcp/retranscfg max_rto]", min = "5",
            max = "1000", description = "Longest wait between two retransmissions, in units of 100 ms. 5–1000 (0.5 to 100 s),"
                    + " default 600 (60 s).")
    int tcp_retransmission_rto() default 600;

    @AttributeDefinition(name = "DNS cache [dns/cache]",
            description = "Keep DNS answers so that names are not looked up again for each connection. Default on.")
    boolean dns_cache() default true;

    @AttributeDefinition(name = "QISEND input timeout (ms) [qisend/timeout]", min = "0", max = "3600",
            description = "How long the module waits for data after the > prompt of AT+QISEND before giving up. 0–3600 ms,"
                    + " default 0 (wait without limit).")
    int send_timeout() default 0;

    @AttributeDefinition(name = "Close when the server closes [passiveclosed]",
            description = "Close the TCP connection on the module's side as soon as the server closes it. Default off.")
    boolean tcp_passive_close() default false;

    @AttributeDefinition(name = "Accept incoming TCP connections [tcp/accept]",
            description = "A TCP LISTENER accepts clients automatically. Default on.")
    boolean tcp_accept() default true;

    @AttributeDefinition(name = "TCP keepalive [tcp/keepalive enable]",
            description = "Send TCP keepalive probes on idle connections, so that a dead peer or a dropped NAT mapping is noticed. Default off.")
    boolean tcp_keepalive_enable() default false;

    @AttributeDefinition(name = "TCP keepalive: idle time before the first probe (s) [tcp/keepalive idle_time]", min = "1",
            max = "1800", description = "Seconds without traffic before the first keepalive probe. 1–1800, default 60.")
    int tcp_keepalive_idle() default 60;

    @AttributeDefinition(name = "TCP keepalive: interval between probes (s) [tcp/keepalive interval_time]", min = "25",
            max = "100", description = "Seconds between two unanswered keepalive probes. 25–100, default 25.")
    int tcp_keepalive_interval() default 25;

    @AttributeDefinition(name = "TCP keepalive: probes before giving up [tcp/keepalive probe_cnt]", min = "3", max = "10",
            description = "Unanswered probes after which the connection is considered dead. 3–10, default 3.")
    int tcp_keepalive_probes() default 3;

    @AttributeDefinition(name = "Data length in receive notifications [recvind]",
            description = "In buffer mode, the module's +QIURC: \"recv\" notification also gives the number of bytes received. Default off.")
    boolean recv_indication() default false;

    @AttributeDefinition(name = "Report closing as a notification [close/mode]",
            description = "AT+QICLOSE also reports +QIURC: \"closed\" when the socket is closed. Default off.")
    boolean close_urc() default false;

    @AttributeDefinition(name = "Send status in QISEND answers [sendinfo]",
            description = "AT+QISEND answers +QISEND: <id>,<status>,<free buffer> instead of SEND OK / SEND FAIL. Default off.")
    boolean send_info() default false;

    @AttributeDefinition(name = "QISEND prompt format [formatcfg]",
            description = "The prompt AT+QISEND gives before the data: CR LF > (0) or CR LF > CR LF (1). Default 0.",
            options = {@Option(label = "0: CR LF >", value = "0"),
                @Option(label = "1: CR LF > CR LF", value = "1")})
    int prompt_format() default 0;
}
