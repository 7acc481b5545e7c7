package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.TcpIpOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP/IP options component's configuration: the {@link TcpIpOptions} it describes, validated by
 * {@code TcpIpOptions} itself (the application note's ranges), and the modem target.
 *
 * @param options     the options
 * @param modemTarget the {@code Modem.target} filter
 */
record TcpIpSettings(TcpIpOptions options, String modemTarget) {

    static final String MODEM_TARGET = "Modem.target";
    static final String TRANSPARENT_PACKET_SIZE = "transparent.packet.size";
    static final String TRANSPARENT_WAIT_TIME = "transparent.wait.time";
    static final String DATA_FORMAT_SEND = "data.format.send";
    static final String DATA_FORMAT_RECEIVE = "data.format.receive";
    static final String VIEW_MODE = "view.mode";
    static final String RETRANSMISSION_BACKOFFS = "tcp.retransmission.backoffs";
    static final String RETRANSMISSION_RTO = "tcp.retransmission.rto";
    static final String DNS_CACHE = "dns.cache";
    static final String SEND_TIMEOUT = "send.timeout";
    static final String PASSIVE_CLOSE = "tcp.passive.close";
    static final String ACCEPT = "tcp.accept";
    static final String KEEPALIVE_ENABLE = "tcp.keepalive.enable";
    static final String KEEPALIVE_IDLE = "tcp.keepalive.idle";
    static final String KEEPALIVE_INTERVAL = "tcp.keepalive.interval";
    static final String KEEPALIVE_PROBES = "tcp.keepalive.probes";
    static final String RECV_INDICATION = "recv.indication";
    static final String CLOSE_URC = "close.urc";
    static final String SEND_INFO = "send.info";
    static final String PROMPT_FORMAT = "prompt.format";

    static final String DEFAULT_TARGET = "(modem.name=modem)";

    /** TcpIpOptions names a value by its QICFG option (and parameter); this maps them back to the attributes. */
    private static final Map<String, String> ATTRIBUTE_OF_OPTION = new LinkedHashMap<>();

    static {
        ATTRIBUTE_OF_OPTION.put("transpktsize", TRANSPARENT_PACKET_SIZE);
        ATTRIBUTE_OF_OPTION.put("transwaittm", TRANSPARENT_WAIT_TIME);
        ATTRIBUTE_OF_OPTION.put("viewmode", VIEW_MODE);
        ATTRIBUTE_OF_OPTION.put("tcp/retranscfg max_backoffs", RETRANSMISSION_BACKOFFS);
        ATTRIBUTE_OF_OPTION.put("tcp/retranscfg max_rto", RETRANSMISSION_RTO);
        ATTRIBUTE_OF_OPTION.put("qisend/timeout", SEND_TIMEOUT);
        ATTRIBUTE_OF_OPTION.put("formatcfg", PROMPT_FORMAT);
        ATTRIBUTE_OF_OPTION.put("tcp/keepalive idle_time", KEEPALIVE_IDLE);
        ATTRIBUTE_OF_OPTION.put("tcp/keepalive interval_time", KEEPALIVE_INTERVAL);
        ATTRIBUTE_OF_OPTION.put("tcp/keepalive probe_cnt", KEEPALIVE_PROBES);
    }

    /**
     * Reads every attribute (the module's default for each one missing).
     *
     * @throws BadAttributeException naming the attribute, its value and the note's range
     */
    static TcpIpSettings from(Map<String, ?> properties) {
        Attributes a = new Attributes(properties);
        TcpIpOptions d = TcpIpOptions.DEFAULTS;
        String target = a.filter(MODEM_TARGET, DEFAULT_TARGET);
        List<String> formats = List.of("text", "hex");
        int packetSize = a.integer(TRANSPARENT_PACKET_SIZE, d.transparentPacketSize());
        int waitTime = a.integer(TRANSPARENT_WAIT_TIME, d.transparentWaitTime());
        boolean sendHex = a.option(DATA_FORMAT_SEND, "text", formats).equals("hex");
        boolean receiveHex = a.option(DATA_FORMAT_RECEIVE, "text", formats).equals("hex");
        int viewMode = a.integer(VIEW_MODE, d.viewMode());
        int backoffs = a.integer(RETRANSMISSION_BACKOFFS, d.tcpMaxBackoffs());
        int rto = a.integer(RETRANSMISSION_RTO, d.tcpMaxRto());
        boolean dnsCache = a.bool(DNS_CACHE, d.dnsCache());
        int sendTimeout = a.integer(SEND_TIMEOUT, d.sendTimeoutMs());
        boolean passiveClose = a.bool(PASSIVE_CLOSE, d.passiveClose());
        boolean accept = a.bool(ACCEPT, d.tcpAccept());
        boolean keepalive = a.bool(KEEPALIVE_ENABLE, d.keepalive().enabled());
        int idle = a.integer(KEEPALIVE_IDLE, d.keepalive().idleSeconds());
        int interval = a.integer(KEEPALIVE_INTERVAL, d.keepalive().intervalSeconds());
        int probes = a.integer(KEEPALIVE_PROBES, d.keepalive().probes());
        boolean recvind = a.bool(RECV_INDICATION, d.receiveIndication());
        boolean closeUrc = a.bool(CLOSE_URC, d.closeReportsUrc());
        boolean sendInfo = a.bool(SEND_INFO, d.sendInfoUrc());
        int promptFormat = a.integer(PROMPT_FORMAT, d.promptFormat());
        try {
            TcpIpOptions options = new TcpIpOptions(packetSize, waitTime, sendHex, receiveHex, viewMode, backoffs, rto,
                    dnsCache, sendTimeout, passiveClose, accept,
                    new TcpIpOptions.Keepalive(keepalive, idle, interval, probes), recvind, closeUrc, sendInfo,
                    promptFormat);
            return new TcpIpSettings(options, target);
        } catch (IllegalArgumentException e) {
            throw new BadAttributeException(attributeNamedIn(e.getMessage()), e.getMessage());
        }
    }

    /** The attribute a TcpIpOptions message ("QICFG tcp/keepalive idle_time 0 is out of range 1–1800") is about. */
    private static String attributeNamedIn(String message) {
        String text = message == null ? "" : message;
        String found = "?";
        int longest = -1;
        for (Map.Entry<String, String> e : ATTRIBUTE_OF_OPTION.entrySet()) {
            if (text.startsWith("QICFG " + e.getKey() + " ") && e.getKey().length() > longest) {
                found = e.getValue();
                longest = e.getKey().length();
            }
        }
        return found;
    }
}
