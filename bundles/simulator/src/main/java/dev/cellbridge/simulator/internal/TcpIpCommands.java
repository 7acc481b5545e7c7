package dev.cellbridge.simulator.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;

/** The TCP/IP commands of the application note's chapter 2. Runs under the modem lock. */
final class TcpIpCommands {
    private static final System.Logger LOG = System.getLogger(TcpIpCommands.class.getName());
    /** Every command with the information text of its test form ({@code =?}), as chapter 2 prints it. */
    private static final Map<String, String> TEST_FORMS = Map.ofEntries(
            Map.entry("+QICFG", TcpIpConfig.testText()),
            Map.entry("+QICSGP", "+QICSGP: (1-5),(1-3),<APN>,<username>,<password>,(0-3)"),
            Map.entry("+QIACT", "+QIACT: (1-5)"),
            Map.entry("+QIDEACT", "+QIDEACT: (1-5)"),
            Map.entry("+QIACTEX", "+QIACTEX: (1-5),(0,1)"),
            Map.entry("+QIDEACTEX", "+QIDEACTEX: (1-5)"),
            Map.entry("+QIOPEN", "+QIOPEN: (1-5),(0-11),(\"TCP\",\"UDP\",\"TCP LISTENER\",\"UDP SERVICE\"),"
                    + "<address_string>,(0-65535),(0-65535),(0-2),(0-11),(10-150)"),
            Map.entry("+QICLOSE", "+QICLOSE: (0-11),(0-65535)"),
            Map.entry("+QISTATE", "+QISTATE: (0,1),(1-5),(0-11)"),
            Map.entry("+QISEND", "+QISEND: (0-11),(0-1460),<remoteIP>,(1-65535)"),
            Map.entry("+QIRD", "+QIRD: (0-11),(0-1500)"),
            Map.entry("+QISWTMD", "+QISWTMD: (0-11),(0-2)"),
            Map.entry("+QPING", "+QPING: (1-5),<host>,(1-255),(1-10),(32-1500)"),
            Map.entry("+QIDNSCFG", "+QIDNSCFG: (1-5),<pridnsaddr>,<secdnsaddr>"),
            Map.entry("+QISDE", "+QISDE: (0,1)"),
            Map.entry("+QIGETERROR", ""));
    private final Modem m;

    TcpIpCommands(Modem modem) {
        this.m = modem;
    }

    static boolean handles(String name) {
        return TEST_FORMS.containsKey(name);
    }

    /** @return the final result code, or null when the command continues (QISEND prompt) */
    String execute(AtCommand cmd, Reply r) {
        if (cmd.kind() == AtCommand.Kind.TEST) {
            String text = TEST_FORMS.get(cmd.name());
            if (!text.isEmpty()) {
                r.line(text);
            }
            return "OK";
        }
        return switch (cmd.name()) {
            case "+QICFG" -> qicfg(cmd, r);
            case "+QICSGP" -> qicsgp(cmd, r);
            case "+QIACT" -> qiact(cmd, r, "+QIACT");
            case "+QIDEACT" -> qideact(cmd, r);
            case "+QIACTEX" -> qiactex(cmd, r);
            case "+QIDEACTEX" -> qideactex(cmd, r);
            case "+QIOPEN" -> qiopen(cmd, r);
            case "+QICLOSE" -> qiclose(cmd, r);
            case "+QISTATE" -> qistate(cmd, r);
            case "+QISEND" -> qisend(cmd, r);
            case "+QIRD" -> qird(cmd, r);
            case "+QISWTMD" -> qiswtmd(cmd, r);
            case "+QPING" -> qping(cmd, r);
            case "+QIDNSCFG" -> qidnscfg(cmd, r);
            case "+QISDE" -> qisde(cmd, r);
            case "+QIGETERROR" -> qigeterror(cmd, r);
            default -> throw AtException.invalid("unknown command " + cmd.name());
        };
    }

    /** Commands whose only form besides the test form is the write form. */
    private static void requireWrite(AtCommand cmd) {
        if (cmd.kind() != AtCommand.Kind.WRITE) {
            throw unsupportedForm(cmd);
        }
    }

    private static AtException unsupportedForm(AtCommand cmd) {
        return AtException.invalid(cmd.name() + " has no " + cmd.kind().name().toLowerCase() + " form");
    }

    // ------------------------------------------------------------------ configuration

    private String qicfg(AtCommand cmd, Reply r) {
        requireWrite(cmd);
        m.cfg.write(cmd, r);
        return "OK";
    }

    private String qicsgp(AtCommand cmd, Reply r) {
        requireWrite(cmd);
        PdpContext ctx = m.contexts[cmd.integer(0, 1, 5, "<contextID>")];
        if (cmd.count() == 1) {
            r.line("+QICSGP: " + ctx.type + ",\"" + ctx.apn + "\",\"" + ctx.username + "\",\"" + ctx.password
                    + "\"," + ctx.authentication);
            return "OK";
        }
        if (cmd.count() != 3 && cmd.count() != 6) {
            throw AtException.invalid("QICSGP takes 1, 3 or 6 parameters, got " + cmd.count());
        }
        int type = cmd.integer(1, 1, 3, "<context_type>");
        // the note gives no APN limit: 3GPP's (TS 23.003 §9.1) 100 encoded octets are 99 characters
        String apn = limited(cmd.string(2, "<APN>"), 99, "<APN>");
        String user = ctx.username;
        String pass = ctx.password;
        int auth = ctx.authentication;
        if (cmd.count() == 6) {
            user = limited(cmd.string(3, "<username>"), 127, "<username>");
            pass = limited(cmd.string(4, "<password>"), 127, "<password>");
            auth = cmd.integer(5, 0, 3, "<authentication>");
        }
        ctx.type = type;
        ctx.apn = apn;
        ctx.username = user;
        ctx.password = pass;
        ctx.authentication = auth;
        return "OK";
    }

    private static String limited(String s, int max, String what) {
        if (s.length() > max) {
            throw AtException.invalid(what + " longer than " + max + " bytes");
        }
        return s;
    }

    // ------------------------------------------------------------------ contexts

    private String qiact(AtCommand cmd, Reply r, String prefix) {
        switch (cmd.kind()) {
            case READ -> {
                for (int i = 1; i <= 5; i++) {
                    PdpContext c = m.contexts[i];
                    if (c.active) {
                        r.line(prefix + ": " + i + ",1," + c.addressFields());
                    }
                }
            }
            case WRITE -> {
                PdpContext ctx = m.contexts[oneInt(cmd, 1, 5, "<contextID>")];
                if (ctx.active) {
                    throw new AtException(ErrorCode.PDP_OPEN_FAILED, "context " + ctx.id + " is already active");
                }
                activate(ctx);
            }
            default -> throw unsupportedForm(cmd);
        }
        return "OK";
    }

    private static int oneInt(AtCommand cmd, int min, int max, String what) {
        if (cmd.count() != 1) {
            throw AtException.invalid(cmd.name() + " takes one parameter");
        }
        return cmd.integer(0, min, max, what);
    }

    private void activate(PdpContext ctx) {
        String[] octets = m.options.pdpIp().split("\\.");
        int last = (Integer.parseInt(octets[3]) + ctx.id - 1) % 256;
        ctx.ipv4 = octets[0] + "." + octets[1] + "." + octets[2] + "." + last;
        ctx.ipv6 = "2001:db8:0:" + ctx.id + "::1";
        if (ctx.primaryDns.isEmpty()) {
            boolean v6 = ctx.type == 2;
            ctx.primaryDns = v6 ? "2001:4860:4860::8888" : "114.114.114.114";
            ctx.secondaryDns = v6 ? "2001:4860:4860::8844" : "114.114.115.115";
        }
        ctx.active = true;
    }

    private void deactivate(PdpContext ctx) {
        for (Connection c : m.slots) {
            if (c != null && c.contextId == ctx.id) {
                m.free(c);
            }
        }
        ctx.active = false;
    }

    private String qideact(AtCommand cmd, Reply r) {
        switch (cmd.kind()) {
            case WRITE -> deactivate(m.contexts[oneInt(cmd, 1, 5, "<contextID>")]);
            default -> throw unsupportedForm(cmd);
        }
        return "OK";
    }

    private String qiactex(AtCommand cmd, Reply r) {
        switch (cmd.kind()) {
            case READ -> qiact(cmd, r, "+QIACTEX");
            case WRITE -> {
                if (cmd.count() > 2) {
                    throw AtException.invalid("QIACTEX takes 1 or 2 parameters");
                }
                PdpContext ctx = m.contexts[cmd.integer(0, 1, 5, "<contextID>")];
                int view = cmd.integer(1, 0, 1, 0, "<view_mode>");
                m.afterReply(() -> {
                    if (ctx.active) {
                        m.lastError = ErrorCode.PDP_OPEN_FAILED;
                        m.urc("+QIACTEX: " + ctx.id + "," + ErrorCode.PDP_OPEN_FAILED.code);
                        return;
                    }
                    activate(ctx);
                    m.urc("+QIACTEX: " + ctx.id + ",0" + (view == 1 ? "," + ctx.addressFields() : ""));
                });
            }
            default -> throw unsupportedForm(cmd);
        }
        return "OK";
    }

    private String qideactex(AtCommand cmd, Reply r) {
        switch (cmd.kind()) {
            case WRITE -> {
                PdpContext ctx = m.contexts[oneInt(cmd, 1, 5, "<contextID>")];
                m.afterReply(() -> {
                    deactivate(ctx);
                    m.urc("+QIDEACTEX: " + ctx.id + ",0");
                });
            }
            default -> throw unsupportedForm(cmd);
        }
        return "OK";
    }

    // ------------------------------------------------------------------ sockets

    private String qiopen(AtCommand cmd, Reply r) {
        requireWrite(cmd);
        if (cmd.count() < 5 || cmd.count() > 9) {
            throw AtException.invalid("QIOPEN takes 5 to 9 parameters, got " + cmd.count());
        }
        int contextId = cmd.integer(0, 1, 5, "<contextID>");
        int id = cmd.integer(1, 0, 11, "<connectID>");
        ServiceType type = ServiceType.ofOpen(cmd.string(2, "<service_type>"));
        String address = limited(cmd.string(3, "<address_string>"), 256, "<address_string>");
        int remotePort = cmd.integer(4, 0, 65535, "<remote_port>");
        int localPort = cmd.integer(5, 0, 65535, 0, "<local_port>");
        int mode = cmd.integer(6, 0, 2, 0, "<access_mode>");
        int maxClients = cmd.integer(7, 0, 11, 11, "<TCP_client_maxnum>");
        int connectTimeout = cmd.has(8) ? cmd.integer(8, 0, 150, "<connect_timeout>") : 0;
        if (connectTimeout > 0 && connectTimeout < 10) {
            throw AtException.invalid("<connect_timeout> out of range 10-150: " + connectTimeout);
        }
        if (address.isEmpty()) {
            throw AtException.invalid("<address_string> is empty");
        }
        boolean client = type == ServiceType.TCP || type == ServiceType.UDP;
        if (client && remotePort == 0) {
            throw AtException.invalid("<remote_port> must be 1-65535 for a client");
        }
        if (!client && localPort == 0) {
            throw AtException.invalid("<local_port> must be given for " + type.label);
        }
        if (!client && mode == 2) {
            throw new AtException(ErrorCode.NOT_SUPPORTED, type.label + " does not support transparent mode");
        }
        if (m.slots[id] != null) {
            throw new AtException(ErrorCode.SOCKET_ID_USED, "connectID " + id + " is in use");
        }
        Connection c = new Connection(id, contextId, type, mode);
        c.remotePort = client ? remotePort : 0;
        c.localPort = localPort;
        c.ip = address;
        c.maxClients = maxClients;
        c.openedTransparent = mode == 2;
        if (!client) {
            for (Connection o : m.slots) {
                if (o != null && o.localPort == localPort && o.type == type) {
                    return failLater(c, ErrorCode.PORT_BUSY, "local port " + localPort + " already in use");
                }
            }
        }
        if (!m.contexts[contextId].active) {
            return failLater(c, ErrorCode.PDP_OPEN_FAILED, "context " + contextId + " is not active");
        }
        m.slots[id] = c;
        int gen = m.generation;
        long timeoutMillis = (connectTimeout == 0 ? 150 : connectTimeout) * 1000L;
        m.workers.execute(() -> open(c, address, gen, timeoutMillis));
        if (mode != 2) {
            return "OK";
        }
        m.awaitOpened(c);
        if (m.slots[id] == c && c.state == Connection.CONNECTED) {
            m.enterDataMode(c);
            return "CONNECT";
        }
        ErrorCode err = m.lastError == ErrorCode.SUCCESS ? ErrorCode.SOCKET_CONNECT_FAILED : m.lastError;
        if (m.slots[id] == c) {
            m.free(c);
        }
        throw new AtException(err, "transparent open failed");
    }

    /** Answers OK now and reports the failure by +QIOPEN after it (transparent mode: ERROR now). */
    private String failLater(Connection c, ErrorCode err, String why) {
        if (c.openedTransparent) {
            throw new AtException(err, why);
        }
        c.state = Connection.INITIAL;
        m.slots[c.id] = c;
        m.afterReply(() -> {
            m.lastError = err;
            m.urc("+QIOPEN: " + c.id + "," + err.code);
        });
        return "OK";
    }

    /** Worker thread: creates the real socket outside the lock, then publishes the result under it. */
    private void open(Connection c, String address, int gen, long timeoutMillis) {
        ErrorCode err = ErrorCode.SUCCESS;
        AutoCloseable resource = null;
        String ip = address;
        try {
            Optional<String> vip = c.type == ServiceType.TCP || c.type == ServiceType.UDP
                    ? m.net.resolve(address) : Optional.of(address);
            if (vip.isEmpty()) {
                err = ErrorCode.DNS_PARSE_FAILED;
                LOG.log(System.Logger.Level.INFO, "QIOPEN: cannot resolve " + address + " (add --dns)");
            } else {
                ip = vip.get();
                switch (c.type) {
                    case TCP -> {
                        Optional<InetSocketAddress> target = m.net.route(ip, c.remotePort);
                        if (target.isEmpty()) {
                            err = refused(ip, c.remotePort);
                        } else {
                            Socket s = new Socket();
                            resource = s;
                            synchronized (m) {
                                if (m.slots[c.id] != c) {
                                    Io.closeQuietly(s);
                                    return; // freed before the connect began
                                }
                                c.pending = s; // freeing the connection now aborts the connect
                            }
                            if (c.localPort != 0) {
                                s.bind(localEndpoint(target.get(), c.localPort));
                            }
                            s.connect(target.get(), (int) timeoutMillis);
                            s.setTcpNoDelay(true);
                        }
                    }
                    case UDP -> {
                        Optional<InetSocketAddress> target = m.net.route(ip, c.remotePort);
                        if (target.isEmpty()) {
                            err = refused(ip, c.remotePort);
                        } else {
                            DatagramSocket d = new DatagramSocket(localEndpoint(target.get(), c.localPort));
                            resource = d;
                            d.connect(target.get());
                        }
                    }
                    case TCP_LISTENER -> {
                        resource = Io.bindLoopback(realPort(c.localPort), 50);
                    }
                    case UDP_SERVICE -> resource = new DatagramSocket(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), realPort(c.localPort)));
                    default -> err = ErrorCode.NOT_SUPPORTED;
                }
            }
        } catch (BindException | IllegalArgumentException e) {
            err = ErrorCode.SOCKET_BIND_FAILED;
            LOG.log(System.Logger.Level.INFO, "QIOPEN " + c.type.label + " bind failed: " + e.getMessage());
        } catch (IOException e) {
            err = c.type == ServiceType.TCP_LISTENER || c.type == ServiceType.UDP_SERVICE
                    ? ErrorCode.SOCKET_BIND_FAILED : ErrorCode.SOCKET_CONNECT_FAILED;
            LOG.log(System.Logger.Level.INFO, "QIOPEN " + address + ":" + c.remotePort + " failed: " + e);
        }
        synchronized (m) {
            c.pending = null;
            if (m.slots[c.id] != c || m.generation != gen) {
                if (resource != null) {
                    Io.closeQuietly(resource);
                }
                return;
            }
            if (err != ErrorCode.SUCCESS) {
                if (resource != null) {
                    Io.closeQuietly(resource);
                }
                c.state = Connection.INITIAL;
                m.lastError = err;
            } else {
                c.ip = ip;
                NetIo io;
                if (resource instanceof Socket s) {
                    io = new TcpStreamIo(m, c, s);
                } else if (resource instanceof ServerSocket s) {
                    io = new TcpListenerIo(m, c, s);
                } else {
                    io = new UdpIo(m, c, (DatagramSocket) resource);
                }
                if (c.localPort == 0) {
                    c.localPort = io.localPort(); // chosen by the host
                }
                c.io = io;
                c.state = io instanceof TcpListenerIo ? Connection.LISTENING : Connection.CONNECTED;
                io.start();
            }
            if (c.openedTransparent) {
                m.notifyAll();
            } else {
                m.urc("+QIOPEN: " + c.id + "," + err.code);
            }
        }
    }

    private ErrorCode refused(String ip, int port) {
        LOG.log(System.Logger.Level.INFO, "QIOPEN: " + ip + ":" + port
                + " is outside loopback and has no --route; refused (use --route or --allow-real-network)");
        return ErrorCode.SOCKET_CONNECT_FAILED;
    }

    /**
     * The local end of a client socket: loopback for loopback targets; local port 0 is chosen by the host, any other
     * is the module's local port plus the listen offset (QISTATE reports the module's).
     */
    private InetSocketAddress localEndpoint(InetSocketAddress target, int localPort) {
        int port = localPort == 0 ? 0 : realPort(localPort);
        return target.getAddress() != null && target.getAddress().isLoopbackAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port) : new InetSocketAddress(port);
    }

    private int realPort(int localPort) {
        int p = localPort + m.options.listenOffset();
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("local port " + localPort + " + offset is outside 1-65535");
        }
        return p;
    }

    private String qiclose(AtCommand cmd, Reply r) {
        if (cmd.kind() != AtCommand.Kind.WRITE || cmd.count() > 2) {
            throw unsupportedForm(cmd);
        }
        int id = cmd.integer(0, 0, 11, "<connectID>");
        cmd.integer(1, 0, 65535, 10, "<timeout>");
        Connection c = m.slots[id];
        if (c != null) {
            m.free(c);
            if (m.cfg.get("close/mode") == 1) {
                m.afterReply(() -> m.urc("+QIURC: \"closed\"," + id));
            }
        }
        return "OK";
    }

    private String qistate(AtCommand cmd, Reply r) {
        switch (cmd.kind()) {
            case READ, EXEC -> {
                for (Connection c : m.slots) {
                    if (c != null) {
                        r.line(stateLine(c));
                    }
                }
            }
            case WRITE -> {
                if (cmd.count() != 2) {
                    throw AtException.invalid("QISTATE takes 2 parameters");
                }
                int query = cmd.integer(0, 0, 1, "<query_type>");
                if (query == 0) {
                    int ctx = cmd.integer(1, 1, 5, "<contextID>");
                    for (Connection c : m.slots) {
                        if (c != null && c.contextId == ctx) {
                            r.line(stateLine(c));
                        }
                    }
                } else {
                    Connection c = m.slots[cmd.integer(1, 0, 11, "<connectID>")];
                    if (c != null) {
                        r.line(stateLine(c));
                    }
                }
            }
            default -> throw unsupportedForm(cmd);
        }
        return "OK";
    }

    private String stateLine(Connection c) {
        return "+QISTATE: " + c.id + ",\"" + c.type.label + "\",\"" + c.ip + "\"," + c.remotePort + ","
                + c.localPort + "," + c.state + "," + c.contextId + "," + c.serverId + "," + c.accessMode + ",\""
                + m.options.atPort() + "\"";
    }

    // ------------------------------------------------------------------ data

    private String qisend(AtCommand cmd, Reply r) {
        requireWrite(cmd);
        if (cmd.count() != 1 && cmd.count() != 2 && cmd.count() != 4) {
            throw AtException.invalid("QISEND takes 1, 2 or 4 parameters");
        }
        int id = cmd.integer(0, 0, 11, "<connectID>");
        int length = cmd.count() >= 2 ? cmd.integer(1, 0, Modem.MAX_SEND, "<send_length>") : -1;
        Connection c = existing(id);
        if (length == 0 && cmd.count() == 2) {
            if (c.type == ServiceType.TCP_LISTENER) {
                throw new AtException(ErrorCode.NOT_SUPPORTED, "a TCP LISTENER sends nothing");
            }
            if (c.io instanceof TcpStreamIo t) {
                awaitWritten(t.queue);
            }
            long total = c.totalSent();
            long acked = c.acked();
            r.line("+QISEND: " + total + "," + acked + "," + (total - acked));
            return "OK";
        }
        InetSocketAddress target = null;
        if (c.type == ServiceType.UDP_SERVICE) {
            if (cmd.count() != 4) {
                throw AtException.invalid("UDP SERVICE needs AT+QISEND=<id>,<len>,<ip>,<port>");
            }
            String ip = cmd.string(2, "<remoteIP>");
            int port = cmd.integer(3, 1, 65535, "<remote_port>");
            if (!VirtualNetwork.isIpv4(ip)) {
                throw AtException.invalid("<remoteIP> must be dotted decimal: " + ip);
            }
            Optional<InetSocketAddress> routed = m.net.route(ip, port);
            if (routed.isEmpty()) {
                throw new AtException(ErrorCode.SOCKET_WRITE_FAILED, ip + ":" + port + " is not reachable");
            }
            target = routed.get();
        } else if (cmd.count() == 4) {
            throw AtException.invalid("<remoteIP>,<remote_port> only apply to UDP SERVICE");
        } else if (c.type == ServiceType.TCP_LISTENER) {
            throw new AtException(ErrorCode.NOT_SUPPORTED, "cannot send on a TCP LISTENER");
        }
        if (length == 0) {
            throw AtException.invalid("<send_length> 0 with a remote address");
        }
        if (c.accessMode == 2) {
            throw new AtException(ErrorCode.NOT_ALLOWED, "connection is in transparent mode");
        }
        requireConnected(c);
        m.beginSend(c, length, target);
        return null;
    }

    private Connection existing(int id) {
        Connection c = m.slots[id];
        if (c == null) {
            throw AtException.invalid("connectID " + id + " is not open");
        }
        return c;
    }

    private static void requireConnected(Connection c) {
        if (c.state == Connection.OPENING) {
            throw new AtException(ErrorCode.BUSY, "connectID " + c.id + " is still opening");
        }
        if (c.state != Connection.CONNECTED) {
            throw new AtException(ErrorCode.SOCKET_CLOSED, "connectID " + c.id + " is not connected");
        }
    }

    /** Sends a completed QISEND payload. @return SEND OK, SEND FAIL or OK (sendinfo form) */
    String transmit(Connection c, byte[] data, InetSocketAddress udpTarget, Reply r) {
        if (m.slots[c.id] != c) {
            throw new AtException(ErrorCode.SOCKET_CLOSED, "connectID " + c.id + " closed during QISEND");
        }
        requireConnected(c);
        boolean sendinfo = m.cfg.get("sendinfo") == 1 && c.type != ServiceType.UDP_SERVICE;
        boolean accepted = !c.sendBufferFull;
        int free = 0;
        if (accepted) {
            if (c.io instanceof TcpStreamIo t) {
                // SEND OK means "in the send buffer" (the note): the socket's writer takes it out meanwhile
                accepted = t.queue.offer(data);
                if (sendinfo) {
                    awaitWritten(t.queue); // the free size it reports is then exact
                }
                free = t.queue.free();
            } else if (c.io instanceof UdpIo u) {
                try {
                    u.send(data, udpTarget);
                    c.udpSent += data.length;
                    free = SendQueue.CAPACITY;
                } catch (IOException e) {
                    throw new AtException(ErrorCode.SOCKET_WRITE_FAILED, "UDP send failed: " + e.getMessage());
                }
            }
        }
        if (sendinfo) {
            r.line("+QISEND: " + c.id + "," + (accepted ? 0 : 1) + "," + free);
            return "OK";
        }
        return accepted ? "SEND OK" : "SEND FAIL";
    }

    /**
     * Loopback peers take data at once: waiting briefly for the socket's writer keeps the acknowledged totals and the
     * free size exact for the host, as a real peer's ACKs would soon make them.
     */
    private static void awaitWritten(SendQueue queue) {
        try {
            queue.awaitDrained(500, 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String qird(AtCommand cmd, Reply r) {
        if (cmd.kind() != AtCommand.Kind.WRITE || cmd.count() > 2) {
            throw unsupportedForm(cmd);
        }
        int id = cmd.integer(0, 0, 11, "<connectID>");
        int length = cmd.integer(1, 0, 1500, 1500, "<read_length>");
        Connection c = existing(id);
        if (c.type == ServiceType.TCP_LISTENER) {
            throw new AtException(ErrorCode.NOT_SUPPORTED, "a TCP LISTENER has no data");
        }
        if (cmd.has(1) && length == 0) {
            r.line("+QIRD: " + c.totalReceived + "," + c.totalRead + "," + c.unread());
            return "OK";
        }
        boolean view1 = m.cfg.get("viewmode") == 1;
        byte[] data;
        String header;
        if (c.type == ServiceType.UDP_SERVICE) {
            Connection.Datagram d = c.datagrams.poll();
            data = d == null ? new byte[0] : d.data();
            header = d == null ? "+QIRD: 0" : "+QIRD: " + data.length + ",\"" + d.ip() + "\"," + d.port();
        } else {
            data = c.received.take(length);
            header = "+QIRD: " + data.length;
        }
        r.line(header);
        if (data.length > 0) {
            if (view1) {
                r.append(",");
            } else {
                r.crlf();
            }
            r.append(m.formatReceived(data));
        }
        c.totalRead += data.length;
        if (!c.hasUnread()) {
            c.recvUrcPending = false;
            if (c.state == Connection.CLOSING && m.cfg.get("passiveclosed") == 1) {
                m.free(c);
            }
        }
        m.notifyAll();
        return "OK";
    }

    private String qiswtmd(AtCommand cmd, Reply r) {
        if (cmd.kind() != AtCommand.Kind.WRITE || cmd.count() != 2) {
            throw AtException.invalid("QISWTMD takes 2 parameters");
        }
        int id = cmd.integer(0, 0, 11, "<connectID>");
        int mode = cmd.integer(1, 0, 2, "<access_mode>");
        Connection c = existing(id);
        if (c.type == ServiceType.TCP_LISTENER) {
            throw new AtException(ErrorCode.NOT_SUPPORTED, "a TCP LISTENER has no data access mode");
        }
        if (mode == 2) {
            if (c.type == ServiceType.UDP_SERVICE) {
                throw new AtException(ErrorCode.NOT_SUPPORTED, "UDP SERVICE has no transparent mode");
            }
            requireConnected(c);
            c.accessMode = 2;
            m.enterDataMode(c);
            return "CONNECT";
        }
        c.accessMode = mode;
        if (mode == 1 && c.hasUnread()) {
            m.afterReply(() -> pushBuffered(c));
        }
        return "OK";
    }

    private void pushBuffered(Connection c) {
        c.recvUrcPending = false;
        if (c.type == ServiceType.UDP_SERVICE) {
            Connection.Datagram d;
            while ((d = c.datagrams.poll()) != null) {
                c.totalRead += d.data().length;
                m.urcBytes(m.pushUrc(c, d.data(), d.ip(), d.port()));
            }
        } else {
            while (c.received.size() > 0) {
                byte[] data = c.received.take(1500);
                c.totalRead += data.length;
                m.urcBytes(m.pushUrc(c, data, null, 0));
            }
        }
        m.notifyAll();
    }

    // ------------------------------------------------------------------ ping, DNS, echo, errors

    private String qping(AtCommand cmd, Reply r) {
        if (cmd.kind() != AtCommand.Kind.WRITE || cmd.count() < 2 || cmd.count() > 5) {
            throw AtException.invalid("QPING takes 2 to 5 parameters");
        }
        int ctx = cmd.integer(0, 1, 5, "<contextID>");
        String host = limited(cmd.string(1, "<host>"), 256, "<host>");
        int timeout = cmd.integer(2, 1, 255, 4, "<timeout>");
        int count = cmd.integer(3, 1, 10, 4, "<pingnum>");
        int size = cmd.integer(4, 32, 1500, 32, "<ping_size>");
        if (host.isEmpty()) {
            throw AtException.invalid("<host> is empty");
        }
        if (!m.contexts[ctx].active) {
            throw new AtException(ErrorCode.PDP_OPEN_FAILED, "context " + ctx + " is not active");
        }
        int gen = m.generation;
        m.workers.execute(() -> ping(gen, host, timeout, count, size));
        return "OK";
    }

    private void ping(int gen, String host, int timeoutSeconds, int count, int size) {
        Optional<String> ip = m.net.resolve(host);
        if (ip.isEmpty()) {
            pingUrc(gen, "+QPING: " + ErrorCode.DNS_PARSE_FAILED.code, ErrorCode.DNS_PARSE_FAILED);
            return;
        }
        boolean reachable = m.net.reachable(ip.get());
        java.util.List<Integer> rtts = m.options.pingRttMs();
        int received = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int rtt = rtts.get(i % rtts.size());
            if (!sleep(reachable ? rtt : timeoutSeconds * 1000L)) {
                return;
            }
            String line;
            if (reachable) {
                received++;
                min = Math.min(min, rtt);
                max = Math.max(max, rtt);
                sum += rtt;
                line = "+QPING: 0,\"" + ip.get() + "\"," + size + "," + rtt + "," + m.options.pingTtl();
            } else {
                line = "+QPING: " + ErrorCode.TIMEOUT.code;
            }
            if (!pingUrc(gen, line, null)) {
                return;
            }
        }
        if (received == 0) {
            min = 0;
        }
        long avg = received == 0 ? 0 : sum / received;
        pingUrc(gen, "+QPING: 0," + count + "," + received + "," + (count - received) + "," + min + "," + max + ","
                + avg, null);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean pingUrc(int gen, String text, ErrorCode error) {
        synchronized (m) {
            if (m.generation != gen) {
                return false;
            }
            if (error != null) {
                m.lastError = error;
            }
            m.urc(text);
            return true;
        }
    }

    private String qidnscfg(AtCommand cmd, Reply r) {
        if (cmd.kind() != AtCommand.Kind.WRITE || cmd.count() > 3) {
            throw unsupportedForm(cmd);
        }
        PdpContext ctx = m.contexts[cmd.integer(0, 1, 5, "<contextID>")];
        if (cmd.count() == 1) {
            r.line("+QIDNSCFG: " + ctx.id + ",\"" + ctx.primaryDns + "\",\"" + ctx.secondaryDns + "\"");
            return "OK";
        }
        if (!ctx.active) {
            throw new AtException(ErrorCode.PDP_OPEN_FAILED, "context " + ctx.id + " is not active");
        }
        String pri = dnsAddress(ctx, cmd.string(1, "<pridnsaddr>"));
        String sec = cmd.count() == 3 ? dnsAddress(ctx, cmd.string(2, "<secdnsaddr>")) : ctx.secondaryDns;
        ctx.primaryDns = pri;
        ctx.secondaryDns = sec;
        return "OK";
    }

    private static String dnsAddress(PdpContext ctx, String addr) {
        boolean v4 = VirtualNetwork.isIpv4(addr);
        boolean v6 = !v4 && addr.contains(":") && addr.matches("[0-9A-Fa-f:.]+");
        if ((ctx.type == 1 && !v4) || (ctx.type == 2 && !v6) || (ctx.type == 3 && !v4 && !v6)) {
            throw AtException.invalid("DNS address " + addr + " does not match the context's IP type");
        }
        return addr;
    }

    private String qisde(AtCommand cmd, Reply r) {
        switch (cmd.kind()) {
            case READ -> r.line("+QISDE: " + (m.dataEcho ? 1 : 0));
            case WRITE -> m.dataEcho = oneInt(cmd, 0, 1, "<echo>") == 1;
            default -> throw unsupportedForm(cmd);
        }
        return "OK";
    }

    private String qigeterror(AtCommand cmd, Reply r) {
        if (cmd.kind() != AtCommand.Kind.EXEC) {
            throw unsupportedForm(cmd);
        }
        r.line(m.lastError.qigeterrorLine());
        return "OK";
    }
}
