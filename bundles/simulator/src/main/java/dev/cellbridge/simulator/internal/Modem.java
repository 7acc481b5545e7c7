package dev.cellbridge.simulator.internal;

import dev.cellbridge.simulator.SimulatorOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The module: reads the host's bytes (command lines, {@code >} payloads, transparent data with {@code +++}), runs
 * commands, owns PDP contexts and sockets, and writes responses and URCs. One lock (this object) guards all state, so
 * a URC is written before or after a response, never inside it.
 */
final class Modem {
    private static final System.Logger LOG = System.getLogger(Modem.class.getName());
    static final int MAX_LINE = 2048;
    static final int RECEIVE_LIMIT = 1 << 20;
    static final int MAX_SEND = 1460;
    static final long BOOT_MILLIS = 150;
    static final String[] BOOT_URCS = {"RDY", "+CFUN: 1", "+CPIN: READY", "+QUSIM: 1", "+QIND: SMS DONE"};

    /** What the host's bytes currently mean. */
    private enum Input { COMMAND, PROMPT, DATA, BOOTING }

    /** A QISEND waiting for its payload after the {@code >} prompt. */
    private static final class PendingSend {
        final Connection connection;
        final int fixedLength;
        final InetSocketAddress udpTarget;
        final boolean hex;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        ScheduledFuture<?> timeout;

        PendingSend(Connection connection, int fixedLength, InetSocketAddress udpTarget, boolean hex) {
            this.connection = connection;
            this.fixedLength = fixedLength;
            this.udpTarget = udpTarget;
            this.hex = hex;
        }
    }

    final SimulatorOptions options;
    final HostOutput out;
    final VirtualNetwork net;
    final ScheduledExecutorService timer;
    final ExecutorService workers;
    private final TcpIpCommands tcpip;
    private final GeneralCommands general;

    // settings: reset by reboot
    boolean echo;
    int cmee;
    int dtrMode;
    boolean dataEcho;
    TcpIpConfig cfg;
    final PdpContext[] contexts = new PdpContext[6];
    final Connection[] slots = new Connection[12];
    ErrorCode lastError;
    int nat;
    int cfun;
    final int[] regModes = new int[4];
    int generation;

    // input state
    private Input input = Input.COMMAND;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineOverflow;
    private int previousByte = -1;
    private PendingSend send;
    private final List<Runnable> afterReply = new ArrayList<>();

    // transparent mode
    private Connection dataConnection;
    Connection lastDataConnection;
    private long lastInputNanos;
    private int plusCount;
    private long plusStartNanos;
    private int escapeSequence;
    private final ByteArrayOutputStream transparentBuffer = new ByteArrayOutputStream();
    private ScheduledFuture<?> transparentFlush;
    private final List<byte[]> heldUrcs = new ArrayList<>();

    // faults
    private boolean hung;
    private boolean dropNext;
    private boolean dropping;
    private long delayMillis;
    private boolean dtr = true;

    Modem(SimulatorOptions options, HostOutput out, ScheduledExecutorService timer, ExecutorService workers) {
        this.options = options;
        this.out = out;
        this.net = new VirtualNetwork(options);
        this.timer = timer;
        this.workers = workers;
        this.tcpip = new TcpIpCommands(this);
        this.general = new GeneralCommands(this);
        resetSettings();
    }

    private void resetSettings() {
        echo = true;
        cmee = 0;
        dtrMode = 2;
        dataEcho = true;
        cfg = new TcpIpConfig();
        for (int i = 1; i <= 5; i++) {
            contexts[i] = new PdpContext(i);
        }
        lastError = ErrorCode.SUCCESS;
        nat = 0;
        cfun = 1;
        java.util.Arrays.fill(regModes, 0);
    }

    // ------------------------------------------------------------------ host input

    synchronized void onHostBytes(byte[] buf, int off, int len, long now) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (hung) {
                continue;
            }
            switch (input) {
                case COMMAND -> commandByte(b);
                case PROMPT -> promptByte(b);
                case DATA -> dataByte(b, now);
                case BOOTING -> { /* a booting module reads nothing */ }
                default -> throw new IllegalStateException();
            }
        }
        if (input == Input.DATA && transparentBuffer.size() > 0) {
            int wait = cfg.get("transwaittm") * 100;
            if (wait == 0) {
                flushTransparent();
            } else if (transparentFlush == null) {
                transparentFlush = timer.schedule(this::transparentTimerFired, wait, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Called by the host reader outside the lock: blocks while the transparent socket's send buffer is full.
     *
     * @return whether it blocked (the line stalled)
     */
    boolean awaitTransparentCapacity() throws InterruptedException {
        SendQueue q;
        synchronized (this) {
            q = input == Input.DATA && dataConnection != null && dataConnection.io instanceof TcpStreamIo t
                    ? t.queue : null;
        }
        return q != null && q.awaitSpace();
    }

    private void commandByte(byte b) {
        if (echo) {
            out.write(new byte[] {b});
        }
        int prev = previousByte;
        previousByte = b & 0xff;
        if (b == '\n' && prev == '\r') {
            return;
        }
        if (b == '\r' || b == '\n') {
            String text = line.toString(StandardCharsets.ISO_8859_1);
            boolean overflow = lineOverflow;
            line.reset();
            lineOverflow = false;
            if (overflow) {
                LOG.log(System.Logger.Level.INFO, "command line longer than " + MAX_LINE + " bytes dropped");
                respond(Reply.frame("ERROR"));
                return;
            }
            handleLine(text);
            return;
        }
        if (b == 8 || b == 127) {
            byte[] cur = line.toByteArray();
            line.reset();
            if (cur.length > 0) {
                line.write(cur, 0, cur.length - 1);
            }
            return;
        }
        if (line.size() >= MAX_LINE) {
            lineOverflow = true;
        } else {
            line.write(b);
        }
    }

    private void handleLine(String raw) {
        int start = 0;
        while (start < raw.length() && (raw.charAt(start) < 0x21 || raw.charAt(start) > 0x7e)) {
            start++;
        }
        String text = raw.substring(start).stripTrailing();
        if (text.isEmpty()) {
            return;
        }
        if (text.length() < 2 || !text.substring(0, 2).equalsIgnoreCase("AT")) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring line that does not start with AT: " + text);
            return;
        }
        if (delayMillis > 0 && !waitOutDelay()) {
            return;
        }
        dropping = dropNext;
        dropNext = false;
        afterReply.clear();
        Reply reply = new Reply();
        String result = "OK";
        String body = text.substring(2);
        List<AtCommand> commands;
        try {
            commands = AtCommand.parseLine(body);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "AT" + body + ": " + e.getMessage());
            finish(reply, "ERROR");
            return;
        }
        for (AtCommand cmd : commands) {
            boolean tcpipCommand = TcpIpCommands.handles(cmd.name());
            try {
                result = tcpipCommand ? tcpip.execute(cmd, reply) : general.execute(cmd, reply);
                if (tcpipCommand && !cmd.name().equals("+QIGETERROR")) {
                    lastError = ErrorCode.SUCCESS;
                }
            } catch (AtException e) {
                LOG.log(System.Logger.Level.DEBUG, "AT" + body + ": " + e.getMessage());
                if (tcpipCommand) {
                    lastError = e.error;
                }
                afterReply.clear();
                finish(reply, errorResult(e.error, tcpipCommand));
                return;
            } catch (RuntimeException e) {
                // a simulator bug must not take the line down: the command fails like any other
                LOG.log(System.Logger.Level.WARNING, "AT" + body + " failed unexpectedly", e);
                if (tcpipCommand) {
                    lastError = ErrorCode.UNKNOWN;
                }
                afterReply.clear();
                finish(reply, errorResult(ErrorCode.UNKNOWN, tcpipCommand));
                return;
            }
            if (result == null || !result.equals("OK")) {
                break;
            }
        }
        if (result != null) {
            finish(reply, result);
        } else {
            respond(reply.toBytes(null));
        }
    }

    String errorResult(ErrorCode error, boolean tcpipCommand) {
        return cmee > 0 && tcpipCommand ? "+CME ERROR: " + error.code : "ERROR";
    }

    /** Writes a reply and its final result, then what was waiting for it (URCs that follow OK). */
    void finish(Reply reply, String result) {
        respond(reply.toBytes(result));
        dropping = false;
        List<Runnable> after = new ArrayList<>(afterReply);
        afterReply.clear();
        after.forEach(Runnable::run);
    }

    /** Runs after the current command's final result is written. */
    void afterReply(Runnable r) {
        afterReply.add(r);
    }

    /**
     * The {@code delay} fault: waits without holding the lock, so network events (URCs) are delivered meanwhile. The
     * wait ends early when the delay is changed; a reboot meanwhile loses the command line.
     *
     * @return false when the module rebooted during the wait
     */
    private boolean waitOutDelay() {
        int gen = generation;
        long deadline = System.nanoTime() + delayMillis * 1_000_000L;
        long left;
        while (delayMillis > 0 && generation == gen && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return generation == gen;
    }

    /** Waits (releasing the lock) until the connection is no longer opening. */
    void awaitOpened(Connection c) {
        while (slots[c.id] == c && c.state == Connection.OPENING) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ output

    private void respond(byte[] bytes) {
        if (!hung && !dropping) {
            out.write(bytes);
        }
    }

    void urc(String text) {
        urcBytes(Reply.frame(text));
    }

    /** A URC (or pushed data): held while in transparent mode, lost while booting or hung. */
    void urcBytes(byte[] bytes) {
        if (hung || input == Input.BOOTING) {
            return;
        }
        if (input == Input.DATA) {
            heldUrcs.add(bytes);
        } else {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------ QISEND payload

    /** Writes the {@code >} prompt and switches to reading the payload. */
    void beginSend(Connection c, int fixedLength, InetSocketAddress udpTarget) {
        boolean hex = cfg.get("dataformat", 0) == 1;
        PendingSend p = new PendingSend(c, fixedLength, udpTarget, hex);
        send = p;
        input = Input.PROMPT;
        respond((cfg.get("formatcfg") == 0 ? "\r\n>" : "\r\n>\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int timeout = cfg.get("qisend/timeout");
        if (timeout > 0) {
            p.timeout = timer.schedule(() -> sendTimedOut(p), timeout, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void sendTimedOut(PendingSend p) {
        if (send == p && input == Input.PROMPT && p.data.size() == 0) {
            endSend();
            lastError = ErrorCode.TIMEOUT;
            finish(new Reply(), errorResult(ErrorCode.TIMEOUT, true));
        }
    }

    private void promptByte(byte b) {
        PendingSend p = send;
        int limit = p.hex ? MAX_SEND * 2 : MAX_SEND;
        if (p.fixedLength >= 0) {
            p.data.write(b);
            echoData(b);
            if (p.data.size() == (p.hex ? p.fixedLength * 2 : p.fixedLength)) {
                completeSend(p);
            }
            return;
        }
        if (b == 0x1A) {
            completeSend(p);
        } else if (b == 0x1B) {
            endSend();
            lastError = ErrorCode.CANCEL_SENDING;
            finish(new Reply(), errorResult(ErrorCode.CANCEL_SENDING, true));
        } else if (p.data.size() >= limit) {
            endSend();
            lastError = ErrorCode.INVALID_PARAMETERS;
            finish(new Reply(), errorResult(ErrorCode.INVALID_PARAMETERS, true));
        } else {
            p.data.write(b);
            echoData(b);
        }
    }

    private void echoData(byte b) {
        if (dataEcho && !hung) {
            out.write(new byte[] {b});
        }
    }

    private void endSend() {
        if (send != null && send.timeout != null) {
            send.timeout.cancel(false);
        }
        send = null;
        input = Input.COMMAND;
    }

    private void completeSend(PendingSend p) {
        endSend();
        byte[] data = p.data.toByteArray();
        if (p.hex) {
            try {
                data = HexFormat.of().parseHex(new String(data, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                lastError = ErrorCode.INVALID_PARAMETERS;
                finish(new Reply(), errorResult(ErrorCode.INVALID_PARAMETERS, true));
                return;
            }
        }
        Reply reply = new Reply();
        try {
            String result = tcpip.transmit(p.connection, data, p.udpTarget, reply);
            lastError = ErrorCode.SUCCESS;
            finish(reply, result);
        } catch (AtException e) {
            lastError = e.error;
            finish(new Reply(), errorResult(e.error, true));
        }
    }

    // ------------------------------------------------------------------ transparent mode

    /** Enters transparent mode on a connection; the caller answers CONNECT. Buffered data follows CONNECT. */
    void enterDataMode(Connection c) {
        input = Input.DATA;
        dataConnection = c;
        lastDataConnection = c;
        lastInputNanos = System.nanoTime();
        plusCount = 0;
        transparentBuffer.reset();
        afterReply(() -> {
            if (c.type == ServiceType.UDP_SERVICE) {
                return;
            }
            if (c.received.size() > 0) {
                byte[] pending = c.received.take(c.received.size());
                c.totalRead += pending.length;
                c.recvUrcPending = false;
                out.write(pending);
                notifyAll();
            }
            if (c.peerClosedBeforeConnect) {
                c.peerClosedBeforeConnect = false;
                peerClosed(c);
            }
        });
    }

    private void dataByte(byte b, long now) {
        long gap = now - lastInputNanos;
        lastInputNanos = now;
        escapeSequence++;
        long guard = options.guardMs() * 1_000_000L;
        if (b == '+') {
            if (plusCount > 0 && plusCount < 3 && now - plusStartNanos <= guard) {
                plusCount++;
                if (plusCount == 3) {
                    int seq = escapeSequence;
                    timer.schedule(() -> escapeTimerFired(seq), options.guardMs(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            releaseHeldPluses();
            if (gap >= guard) {
                plusCount = 1;
                plusStartNanos = now;
                return;
            }
        } else {
            releaseHeldPluses();
        }
        transparentData(b);
    }

    private void releaseHeldPluses() {
        for (int i = 0; i < plusCount; i++) {
            transparentData((byte) '+');
        }
        plusCount = 0;
    }

    private synchronized void escapeTimerFired(int seq) {
        if (input == Input.DATA && plusCount == 3 && escapeSequence == seq) {
            plusCount = 0;
            exitDataMode("OK");
        }
    }

    private void transparentData(byte b) {
        transparentBuffer.write(b);
        if (transparentBuffer.size() >= cfg.get("transpktsize")) {
            flushTransparent();
        }
    }

    private synchronized void transparentTimerFired() {
        transparentFlush = null;
        if (input == Input.DATA) {
            flushTransparent();
        }
    }

    private void flushTransparent() {
        if (transparentFlush != null) {
            transparentFlush.cancel(false);
            transparentFlush = null;
        }
        if (transparentBuffer.size() == 0 || dataConnection == null) {
            transparentBuffer.reset();
            return;
        }
        byte[] data = transparentBuffer.toByteArray();
        transparentBuffer.reset();
        int max = cfg.get("transpktsize");
        for (int off = 0; off < data.length; off += max) {
            byte[] chunk = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + max));
            if (dataConnection.io instanceof TcpStreamIo t) {
                t.queue.force(chunk);
            } else if (dataConnection.io instanceof UdpIo u) {
                try {
                    u.send(chunk, null);
                    dataConnection.udpSent += chunk.length;
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.INFO, "transparent UDP send failed: " + e);
                }
            }
        }
    }

    /** Leaves transparent mode with OK (escape, DTR) or NO CARRIER (connection lost), then releases held URCs. */
    void exitDataMode(String result) {
        flushTransparent();
        input = Input.COMMAND;
        dataConnection = null;
        plusCount = 0;
        previousByte = -1;
        line.reset();
        out.write(Reply.frame(result));
        List<byte[]> held = new ArrayList<>(heldUrcs);
        heldUrcs.clear();
        held.forEach(out::write);
    }

    boolean inDataMode(Connection c) {
        return input == Input.DATA && dataConnection == c;
    }

    // ------------------------------------------------------------------ network events

    /** Data from a real socket (source is the sender for UDP, else null). */
    synchronized void onData(Connection c, byte[] data, InetSocketAddress source) {
        if (slots[c.id] != c || c.state == Connection.CLOSING) {
            return;
        }
        if (inDataMode(c)) {
            c.totalReceived += data.length;
            c.totalRead += data.length;
            if (!hung) {
                out.write(data);
            }
            return;
        }
        String ip = null;
        int port = 0;
        if (c.type == ServiceType.UDP_SERVICE) {
            String[] v = net.virtualSource(source);
            ip = v[0];
            port = Integer.parseInt(v[1]);
        }
        c.totalReceived += data.length;
        if (c.accessMode == 1) {
            c.totalRead += data.length;
            urcBytes(pushUrc(c, data, ip, port));
            return;
        }
        if (c.type == ServiceType.UDP_SERVICE) {
            if (c.unread() + data.length > RECEIVE_LIMIT) {
                c.totalReceived -= data.length;
                return;
            }
            c.datagrams.add(new Connection.Datagram(data, ip, port));
        } else {
            c.received.append(data, 0, data.length);
        }
        // Data that beats the CONNECT of a transparent open is not announced: it follows CONNECT.
        if (!c.recvUrcPending && !awaitingConnect(c)) {
            c.recvUrcPending = true;
            urc(cfg.get("recvind") == 1 ? "+QIURC: \"recv\"," + c.id + "," + data.length
                    : "+QIURC: \"recv\"," + c.id);
        }
    }

    /** A direct-push URC with its payload, in the configured view mode and receive data format. */
    byte[] pushUrc(Connection c, byte[] data, String ip, int port) {
        byte[] payload = formatReceived(data);
        String header = "+QIURC: \"recv\"," + c.id + "," + data.length
                + (ip != null ? ",\"" + ip + "\"," + port : "");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("\r\n" + header + (cfg.get("viewmode") == 1 ? "," : "\r\n"))
                .getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(payload);
        b.writeBytes(new byte[] {'\r', '\n'});
        return b.toByteArray();
    }

    byte[] formatReceived(byte[] data) {
        if (cfg.get("dataformat", 1) == 1) {
            return HexFormat.of().withUpperCase().formatHex(data).getBytes(StandardCharsets.ISO_8859_1);
        }
        return data;
    }

    /** Receive thread backpressure: waits while a stream socket's buffer is at its limit. */
    void awaitReceiveSpace(Connection c) throws InterruptedException {
        synchronized (this) {
            while (slots[c.id] == c && c.received.size() >= RECEIVE_LIMIT) {
                wait(1000);
            }
        }
    }

    /** The peer closed a TCP connection (or it broke). */
    synchronized void onPeerClosed(Connection c) {
        if (slots[c.id] != c || c.state == Connection.CLOSING) {
            return;
        }
        if (awaitingConnect(c)) {
            c.peerClosedBeforeConnect = true; // handled once CONNECT and the data before it are out
            return;
        }
        peerClosed(c);
    }

    /** A transparent open whose CONNECT has not been answered yet. */
    private boolean awaitingConnect(Connection c) {
        return c.openedTransparent && lastDataConnection != c;
    }

    private void peerClosed(Connection c) {
        c.state = Connection.CLOSING;
        c.closeIo();
        if (inDataMode(c)) {
            exitDataMode("NO CARRIER");
            return;
        }
        urc("+QIURC: \"closed\"," + c.id);
        if (cfg.get("passiveclosed") == 1 && !c.hasUnread()) {
            free(c);
        }
    }

    /** A client connected to a TCP LISTENER. */
    synchronized void onIncoming(Connection listener, java.net.Socket socket) {
        if (slots[listener.id] != listener || listener.state != Connection.LISTENING
                || cfg.get("tcp/accept") == 0) {
            Io.closeQuietly(socket);
            return;
        }
        int clients = 0;
        for (Connection c : slots) {
            if (c != null && c.type == ServiceType.TCP_INCOMING && c.serverId == listener.id) {
                clients++;
            }
        }
        int id = -1;
        for (int i = 11; i >= 0; i--) {
            if (slots[i] == null) {
                id = i;
                break;
            }
        }
        if (clients >= listener.maxClients || id < 0) {
            Io.closeQuietly(socket);
            urc("+QIURC: \"incoming full\"," + listener.id);
            return;
        }
        Connection c = new Connection(id, listener.contextId, ServiceType.TCP_INCOMING, listener.accessMode);
        c.state = Connection.CONNECTED;
        c.ip = socket.getInetAddress().getHostAddress();
        c.remotePort = socket.getPort();
        c.localPort = listener.localPort;
        c.serverId = listener.id;
        TcpStreamIo io = new TcpStreamIo(this, c, socket);
        c.io = io;
        slots[id] = c;
        urc("+QIURC: \"incoming\"," + id + "," + listener.id + ",\"" + c.ip + "\"," + c.remotePort);
        io.start();
    }

    /** Releases a connectID and its socket. */
    void free(Connection c) {
        if (slots[c.id] == c) {
            slots[c.id] = null;
        }
        c.closeIo();
        if (lastDataConnection == c) {
            lastDataConnection = null;
        }
        notifyAll();
    }

    // ------------------------------------------------------------------ faults

    synchronized void pdpDeact(int contextId) {
        if (contextId < 1 || contextId > 5) {
            throw new IllegalArgumentException("contextID out of range 1-5: " + contextId);
        }
        PdpContext ctx = contexts[contextId];
        if (!ctx.active) {
            throw new IllegalStateException("context " + contextId + " is not active");
        }
        ctx.active = false;
        for (Connection c : slots) {
            if (c != null && c.contextId == contextId && c.state != Connection.CLOSING) {
                c.state = Connection.CLOSING;
                abort(c);
                if (inDataMode(c)) {
                    exitDataMode("NO CARRIER");
                }
            }
        }
        urc("+QIURC: \"pdpdeact\"," + contextId);
    }

    synchronized void remoteClose(int id) {
        Connection c = connection(id);
        if (!c.type.stream() || c.state != Connection.CONNECTED) {
            throw new IllegalStateException("connectID " + id + " is not a connected TCP socket");
        }
        abort(c);
        peerClosed(c);
    }

    private static void abort(Connection c) {
        if (c.io instanceof TcpStreamIo t) {
            t.abort();
        } else {
            c.closeIo();
        }
    }

    synchronized void sendBufferFull(int id, boolean full) {
        connection(id).sendBufferFull = full;
    }

    private Connection connection(int id) {
        if (id < 0 || id > 11) {
            throw new IllegalArgumentException("connectID out of range 0-11: " + id);
        }
        Connection c = slots[id];
        if (c == null) {
            throw new IllegalStateException("connectID " + id + " is not open");
        }
        return c;
    }

    synchronized void dropNextResponse() {
        dropNext = true;
    }

    synchronized void delay(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + millis);
        }
        delayMillis = millis;
        notifyAll();
    }

    synchronized void hang() {
        hung = true;
    }

    synchronized void garbage(byte[] bytes) {
        if (!hung) {
            out.write(bytes);
        }
    }

    synchronized void setDtr(boolean on) {
        boolean wasOn = dtr;
        dtr = on;
        if (on || !wasOn || input != Input.DATA || dtrMode == 0) {
            return;
        }
        if (dtrMode == 1) {
            exitDataMode("OK");
        } else {
            Connection c = dataConnection;
            free(c);
            exitDataMode("NO CARRIER");
        }
    }

    /** Restarts the module: sockets close, contexts drop, settings return to defaults, then RDY and friends. */
    synchronized void reboot() {
        generation++;
        closeAll();
        resetSettings();
        hung = false;
        dropNext = false;
        dropping = false;
        delayMillis = 0;
        if (send != null && send.timeout != null) {
            send.timeout.cancel(false);
        }
        send = null;
        dataConnection = null;
        lastDataConnection = null;
        heldUrcs.clear();
        transparentBuffer.reset();
        line.reset();
        lineOverflow = false;
        input = Input.BOOTING;
        int gen = generation;
        timer.schedule(() -> booted(gen), BOOT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void booted(int gen) {
        if (gen != generation || input != Input.BOOTING) {
            return;
        }
        input = Input.COMMAND;
        for (String u : BOOT_URCS) {
            urc(u);
        }
    }

    private void closeAll() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                abort(slots[i]);
                slots[i] = null;
            }
        }
        notifyAll();
    }

    /** Stops every socket thread (simulator shutdown). */
    void shutdown() throws InterruptedException {
        List<NetIo> ios = new ArrayList<>();
        synchronized (this) {
            generation++;
            for (Connection c : slots) {
                if (c != null && c.io != null) {
                    ios.add(c.io);
                }
            }
            closeAll();
            hung = true;
        }
        for (NetIo io : ios) {
            io.join(2000);
        }
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
