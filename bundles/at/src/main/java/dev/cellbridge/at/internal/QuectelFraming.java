package dev.cellbridge.at.internal;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.PayloadFraming;
import dev.cellbridge.at.ResponseLine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Quectel knowledge the framer needs: which lines announce raw payload bytes and how many.
 *
 * <p>Settings are followed from the commands and URCs that pass through the channel, and can be set
 * by the driver. Written by the reader thread and by driver threads, hence volatile fields.
 */
final class QuectelFraming implements PayloadFraming {

    /** Larger announced lengths are corrupt headers, not payloads (the spec's maximum is 1500). */
    static final int MAX_PAYLOAD = 4096;

    private static final String QIRD = "+QIRD:";
    /** The commands whose own line says something {@link #observe} learns (response lines aside). */
    private static final Set<String> LEARNED_FROM = Set.of("QICFG", "QISDE", "QIOPEN", "QISWTMD", "QICLOSE");
    private static final String RECV = "+QIURC: \"recv\",";

    private record Socket(AccessMode mode, boolean udpService) {
    }

    private volatile int viewMode;
    private volatile boolean receiveHex;
    private volatile boolean receiveIndication;
    private volatile boolean sendEcho = true;
    private volatile int promptFormat;
    private final Map<Integer, Socket> sockets = new ConcurrentHashMap<>();

    @Override
    public void viewMode(int mode) {
        if (mode != 0 && mode != 1) {
            throw new IllegalArgumentException("view mode must be 0 or 1: " + mode);
        }
        viewMode = mode;
    }

    @Override
    public int viewMode() {
        return viewMode;
    }

    @Override
    public void receiveHex(boolean hex) {
        receiveHex = hex;
    }

    @Override
    public boolean receiveHex() {
        return receiveHex;
    }

    @Override
    public void receiveIndication(boolean on) {
        receiveIndication = on;
    }

    @Override
    public void sendEcho(boolean on) {
        sendEcho = on;
    }

    boolean sendEcho() {
        return sendEcho;
    }

    @Override
    public void promptFormat(int format) {
        if (format != 0 && format != 1) {
            throw new IllegalArgumentException("prompt format must be 0 or 1: " + format);
        }
        promptFormat = format;
    }

    int promptFormat() {
        return promptFormat;
    }

    @Override
    public void socket(int connectId, AccessMode mode, boolean udpService) {
        sockets.put(connectId, new Socket(mode, udpService));
    }

    @Override
    public void socketClosed(int connectId) {
        sockets.remove(connectId);
    }

    @Override
    public void reset() {
        viewMode = 0;
        receiveHex = false;
        receiveIndication = false;
        sendEcho = true;
        promptFormat = 0;
        sockets.clear();
    }

    // ---- payload decisions (reader thread) ----

    /**
     * For a complete line: how many payload bytes follow it (header CRLF data), or -1.
     *
     * @param inFlight the command line in flight, or null
     */
    int payloadAfterLine(String line, String inFlight) {
        if (viewMode != 0) {
            return -1; // in view mode 1 data follows a comma, never a line end
        }
        if (line.startsWith(QIRD)) {
            return readTarget(inFlight) < 0 ? -1 : qirdLength(Params.split(line.substring(QIRD.length())));
        }
        if (line.startsWith(RECV)) {
            return recvLength(Params.split(line.substring(RECV.length())));
        }
        return -1;
    }

    /** Whether a line starting this way could announce a payload after a comma (view mode 1). */
    boolean commaHeadersPossible() {
        return viewMode == 1;
    }

    /**
     * For a line cut at a comma (view mode 1, header,data): how many payload bytes start right
     * after the comma, or -1 to keep reading the line.
     *
     * @param partial the line so far, ending with the comma
     */
    int payloadAfterComma(String partial, String inFlight) {
        String body = partial.substring(0, partial.length() - 1);
        if (body.startsWith(QIRD)) {
            int target = readTarget(inFlight);
            if (target < 0) {
                return -1;
            }
            List<String> p = Params.split(body.substring(QIRD.length()));
            boolean udp = isUdpService(target);
            if (udp ? p.size() != 3 : p.size() != 1) {
                return -1;
            }
            return qirdLength(p);
        }
        if (body.startsWith(RECV)) {
            List<String> p = Params.split(body.substring(RECV.length()));
            if (p.size() < 2) {
                return -1;
            }
            int id = Params.number(p.get(0));
            boolean udp = isUdpService(id);
            if (udp ? p.size() != 4 : p.size() != 2) {
                return -1;
            }
            return recvLength(p);
        }
        return -1;
    }

    private int qirdLength(List<String> p) {
        int n = Params.number(p.get(0));
        if (n <= 0 || n > MAX_PAYLOAD) {
            return -1;
        }
        if (p.size() == 1) {
            return n;
        }
        if (p.size() == 3 && Params.isQuoted(p.get(1)) && Params.number(p.get(2)) >= 0) {
            return n;
        }
        return -1; // e.g. the totals form +QIRD: <total>,<read>,<unread>
    }

    private int recvLength(List<String> p) {
        if (p.size() != 2 && p.size() != 4) {
            return -1;
        }
        int id = Params.number(p.get(0));
        int n = Params.number(p.get(1));
        if (id < 0 || n <= 0 || n > MAX_PAYLOAD) {
            return -1;
        }
        if (p.size() == 4) {
            return n; // only direct push carries the remote address
        }
        // The buffer-mode recvind form looks the same. A socket of known mode decides; for one opened
        // before the channel (a fresh CLI run), the length means direct push unless recvind is on.
        Socket s = sockets.get(id);
        if (s != null) {
            return s.mode() == AccessMode.PUSH ? n : -1;
        }
        return receiveIndication ? -1 : n;
    }

    private boolean isUdpService(int id) {
        Socket s = sockets.get(id);
        return s != null && s.udpService();
    }

    /** The connectID a command line reads data from ({@code AT+QIRD=<id>[,<len>]} with len != 0), or -1. */
    static int readTarget(String line) {
        if (line == null || !AtLines.isCommand(line, "QIRD") || line.indexOf('=') < 0 || line.endsWith("=?")) {
            return -1;
        }
        List<String> p = Params.of(line, '=');
        int id = Params.number(p.get(0));
        if (id < 0) {
            return -1;
        }
        if (p.size() >= 2 && Params.number(p.get(1)) == 0) {
            return -1;
        }
        return id;
    }

    // ---- following the module's settings ----

    /**
     * A command completed successfully: learn what it changed. On the reader's path between a final result and the
     * next byte, so a command that changes nothing (a QISEND) costs a name lookup and no parsing.
     */
    void observe(AtCommand command, List<ResponseLine> responseLines) {
        String name = command.name();
        if (responseLines.isEmpty() && !LEARNED_FROM.contains(name)) {
            return;
        }
        String line = command.line();
        boolean write = line.indexOf('=') >= 0 && !line.endsWith("=?");
        List<String> p = write ? Params.of(line, '=') : List.of();
        switch (name) {
            case "QICFG" -> {
                if (p.size() >= 2) {
                    applyQicfg(p);
                }
            }
            case "QISDE" -> {
                if (p.size() == 1) {
                    applyEcho(p.get(0));
                }
            }
            case "QIOPEN" -> {
                if (p.size() >= 5) {
                    int id = Params.number(p.get(1));
                    int mode = p.size() >= 7 ? Params.number(p.get(6)) : 0;
                    if (id >= 0 && mode >= 0 && mode <= 2) {
                        socket(id, AccessMode.of(mode), Params.unquote(p.get(2)).equalsIgnoreCase("UDP SERVICE"));
                    }
                }
            }
            case "QISWTMD" -> {
                if (p.size() == 2) {
                    int id = Params.number(p.get(0));
                    int mode = Params.number(p.get(1));
                    Socket s = sockets.get(id);
                    if (s != null && mode >= 0 && mode <= 2) {
                        socket(id, AccessMode.of(mode), s.udpService());
                    }
                }
            }
            case "QICLOSE" -> {
                if (!p.isEmpty() && Params.number(p.get(0)) >= 0) {
                    socketClosed(Params.number(p.get(0)));
                }
            }
            default -> {
            }
        }
        for (ResponseLine l : responseLines) {
            String text = l.text();
            if (text.startsWith("+QICFG:")) {
                applyQicfg(Params.of(text, ':'));
            } else if (text.startsWith("+QISDE:")) {
                applyEcho(Params.of(text, ':').get(0));
            } else if (text.startsWith("+QISTATE:")) {
                List<String> s = Params.of(text, ':');
                if (s.size() >= 9) {
                    int id = Params.number(s.get(0));
                    int mode = Params.number(s.get(8));
                    if (id >= 0 && mode >= 0 && mode <= 2) {
                        socket(id, AccessMode.of(mode), Params.unquote(s.get(1)).equalsIgnoreCase("UDP SERVICE"));
                    }
                }
            }
        }
    }

    /** A URC went by: learn from incoming connections and restarts. */
    void observeUrc(String line) {
        if (line.equals("RDY")) {
            reset();
        } else if (line.startsWith("+QIURC: \"incoming\",")) {
            List<String> p = Params.of(line, ':');
            if (p.size() >= 3) {
                int id = Params.number(p.get(1));
                Socket server = sockets.get(Params.number(p.get(2)));
                if (id >= 0) {
                    // seed note 5: an incoming connection inherits the listener's access mode
                    socket(id, server == null ? AccessMode.BUFFER : server.mode(), false);
                }
            }
        }
    }

    private void applyQicfg(List<String> p) {
        if (p.size() < 2) {
            return;
        }
        String option = Params.unquote(p.get(0)).toLowerCase(Locale.ROOT);
        int v = Params.number(p.get(1));
        switch (option) {
            case "viewmode" -> {
                if (v == 0 || v == 1) {
                    viewMode = v;
                }
            }
            case "dataformat" -> {
                if (p.size() >= 3) {
                    int recv = Params.number(p.get(2));
                    if (recv == 0 || recv == 1) {
                        receiveHex = recv == 1;
                    }
                }
            }
            case "recvind" -> {
                if (v == 0 || v == 1) {
                    receiveIndication = v == 1;
                }
            }
            case "formatcfg" -> {
                if (v == 0 || v == 1) {
                    promptFormat = v;
                }
            }
            default -> {
            }
        }
    }

    private void applyEcho(String p) {
        int v = Params.number(p);
        if (v == 0 || v == 1) {
            sendEcho = v == 1;
        }
    }
}
