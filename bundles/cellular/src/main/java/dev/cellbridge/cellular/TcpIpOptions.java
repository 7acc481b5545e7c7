package dev.cellbridge.cellular;

import java.util.ArrayList;
import java.util.List;

/**
 * All fourteen {@code AT+QICFG} options (application note §2.3.1), validated against the note's
 * ranges when constructed, so that nothing out of range ever reaches the module. The module does not
 * keep them across a restart; {@link Modem#configure(TcpIpOptions)} applies them.
 *
 * @param transparentPacketSize   "transpktsize": most bytes per packet in transparent mode, 1–1460 (default 1024)
 * @param transparentWaitTime     "transwaittm": wait before sending a short packet in transparent mode,
 *                                0–20 in units of 100 ms (default 2)
 * @param sendHex                 "dataformat" send: data given to QISEND as hex digits (default false)
 * @param receiveHex              "dataformat" receive: received data output as hex digits (default false)
 * @param viewMode                "viewmode": 0 header CR LF data, 1 header,data (default 0)
 * @param tcpMaxBackoffs          "tcp/retranscfg" max_backoffs: most TCP retransmissions, 3–20 (default 8)
 * @param tcpMaxRto               "tcp/retranscfg" max_rto: longest retransmission interval, 5–1000 in units of
 *                                100 ms (default 600)
 * @param dnsCache                "dns/cache": whether DNS answers are cached (the module's 0 = enable; default true)
 * @param sendTimeoutMs           "qisend/timeout": how long QISEND waits for data after the prompt, 0–3600 ms
 *                                (default 0 = no limit)
 * @param passiveClose            "passiveclosed": close the TCP connection when the server closes (default false)
 * @param tcpAccept               "tcp/accept": accept incoming TCP connections automatically (default true)
 * @param keepalive               "tcp/keepalive"
 * @param receiveIndication       "recvind": buffer-mode recv URCs carry the length (default false)
 * @param closeReportsUrc         "close/mode": QICLOSE also reports {@code +QIURC: "closed"} (default false)
 * @param sendInfoUrc             "sendinfo": QISEND answers {@code +QISEND: <id>,<status>,<free>} (default false)
 * @param promptFormat            "formatcfg": 0 prompt {@code >}, 1 prompt {@code >} then CR LF (default 0)
 */
public record TcpIpOptions(int transparentPacketSize, int transparentWaitTime, boolean sendHex, boolean receiveHex,
        int viewMode, int tcpMaxBackoffs, int tcpMaxRto, boolean dnsCache, int sendTimeoutMs, boolean passiveClose,
        boolean tcpAccept, Keepalive keepalive, boolean receiveIndication, boolean closeReportsUrc,
        boolean sendInfoUrc, int promptFormat) {

    /**
     * "tcp/keepalive".
     *
     * @param enabled      send TCP keepalives (default false)
     * @param idleSeconds  idle time before the first probe, 1–1800 s (default 60)
     * @param intervalSeconds interval between probes, 25–100 s (default 25)
     * @param probes       probes before giving up, 3–10 (default 3)
     */
    public record Keepalive(boolean enabled, int idleSeconds, int intervalSeconds, int probes) {
        public Keepalive {
            check("tcp/keepalive idle_time", idleSeconds, 1, 1800);
            check("tcp/keepalive interval_time", intervalSeconds, 25, 100);
            check("tcp/keepalive probe_cnt", probes, 3, 10);
        }

        public static final Keepalive DEFAULT = new Keepalive(false, 60, 25, 3);
    }

    public TcpIpOptions {
        check("transpktsize", transparentPacketSize, 1, 1460);
        check("transwaittm", transparentWaitTime, 0, 20);
        check("viewmode", viewMode, 0, 1);
        check("tcp/retranscfg max_backoffs", tcpMaxBackoffs, 3, 20);
        check("tcp/retranscfg max_rto", tcpMaxRto, 5, 1000);
        check("qisend/timeout", sendTimeoutMs, 0, 3600);
        check("formatcfg", promptFormat, 0, 1);
        if (keepalive == null) {
            throw new IllegalArgumentException("tcp/keepalive must be given");
        }
    }

    /** The module's defaults after a restart. */
    public static final TcpIpOptions DEFAULTS = new TcpIpOptions(1024, 2, false, false, 0, 8, 600, true, 0, false,
            true, Keepalive.DEFAULT, false, false, false, 0);

    /** The {@code AT+QICFG} write commands that set every option, in the note's order. */
    public List<String> commands() {
        List<String> out = new ArrayList<>();
        out.add("AT+QICFG=\"transpktsize\"," + transparentPacketSize);
        out.add("AT+QICFG=\"transwaittm\"," + transparentWaitTime);
        out.add("AT+QICFG=\"dataformat\"," + bit(sendHex) + "," + bit(receiveHex));
        out.add("AT+QICFG=\"viewmode\"," + viewMode);
        out.add("AT+QICFG=\"tcp/retranscfg\"," + tcpMaxBackoffs + "," + tcpMaxRto);
        out.add("AT+QICFG=\"dns/cache\"," + (dnsCache ? 0 : 1)); // seed note 4: 0 = enable
        out.add("AT+QICFG=\"qisend/timeout\"," + sendTimeoutMs);
        out.add("AT+QICFG=\"passiveclosed\"," + bit(passiveClose));
        out.add("AT+QICFG=\"tcp/accept\"," + bit(tcpAccept));
        out.add("AT+QICFG=\"tcp/keepalive\"," + bit(keepalive.enabled()) + "," + keepalive.idleSeconds() + ","
                + keepalive.intervalSeconds() + "," + keepalive.probes());
        out.add("AT+QICFG=\"recvind\"," + bit(receiveIndication));
        out.add("AT+QICFG=\"close/mode\"," + bit(closeReportsUrc));
        out.add("AT+QICFG=\"sendinfo\"," + bit(sendInfoUrc));
        out.add("AT+QICFG=\"formatcfg\"," + promptFormat);
        return out;
    }

    public TcpIpOptions withKeepalive(Keepalive value) {
        return new TcpIpOptions(transparentPacketSize, transparentWaitTime, sendHex, receiveHex, viewMode,
                tcpMaxBackoffs, tcpMaxRto, dnsCache, sendTimeoutMs, passiveClose, tcpAccept, value, receiveIndication,
                closeReportsUrc, sendInfoUrc, promptFormat);
    }

    public TcpIpOptions withRetransmission(int maxBackoffs, int maxRto) {
        return new TcpIpOptions(transparentPacketSize, transparentWaitTime, sendHex, receiveHex, viewMode, maxBackoffs,
                maxRto, dnsCache, sendTimeoutMs, passiveClose, tcpAccept, keepalive, receiveIndication,
                closeReportsUrc, sendInfoUrc, promptFormat);
    }

    public TcpIpOptions withTransparent(int packetSize, int waitTime) {
        return new TcpIpOptions(packetSize, waitTime, sendHex, receiveHex, viewMode, tcpMaxBackoffs, tcpMaxRto,
                dnsCache, sendTimeoutMs, passiveClose, tcpAccept, keepalive, receiveIndication, closeReportsUrc,
                sendInfoUrc, promptFormat);
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("QICFG " + option + " " + value + " is out of range " + min + "–" + max);
        }
    }
}
