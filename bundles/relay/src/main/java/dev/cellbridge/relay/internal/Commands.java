package dev.cellbridge.relay.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.PingLine;
import dev.cellbridge.cellular.PingResult;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketState;
import java.io.IOException;
import java.lang.reflect.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet commands: {@code cmd/<op>} with a JSON body carrying a {@code requestId}, answered on
 * {@code reply/<requestId>} with {@code {"requestId","op","ok":true,"result":{...}}} or
 * {@code {"requestId","op","ok":false,"error":"..."}}. Bodies are checked completely before anything reaches the
 * module; a body without a usable requestId is answered on {@code error}. Commands run on the relay's command threads
 * (never on MQTT's callback thread); secrets never appear in replies or logs.
 */
final class Commands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    static final List<String> OPS = List.of("open", "close", "send", "read", "ping", "state", "contexts", "config",
            "at");
    /** The PIDs {@code config} serves (contracts.md): singletons and factories. */
    static final Set<String> SINGLETON_PIDS = Set.of("dev.cellbridge.cellular.modem", "dev.cellbridge.cellular.tcpip",
            "dev.cellbridge.relay", "dev.cellbridge.cli.console");
    static final Set<String> FACTORY_PIDS = Set.of("dev.cellbridge.cellular.context", "dev.cellbridge.relay.bridge",
            "dev.cellbridge.serial.link");

    private final Relay relay;
    private final ConfigStore configs;
    private final ThreadPoolExecutor executor;
    private final AtomicLong answered = new AtomicLong();

    Commands(Relay relay, ConfigStore configs) {
        this.relay = relay;
        this.configs = configs;
        AtomicInteger n = new AtomicInteger();
        int threads = relay.options().commandThreads();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, "cellbridge-relay-command-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    long answered() {
        return answered.get();
    }

    /** Takes a command from MQTT's callback thread: parses and queues it; never waits for the module. */
    void submit(String op, byte[] payload) {
        Request request;
        try {
            request = Request.parse(op, payload, relay.options().maxPayload());
        } catch (BadRequest e) {
            answered.incrementAndGet();
            relay.error("cmd/" + Request.abbreviate(op), e.getMessage());
            return;
        }
        try {
            executor.execute(() -> run(request));
        } catch (RejectedExecutionException e) {
            reply(request, null, "the relay is busy: " + executor.getQueue().size() + " commands are waiting");
        }
    }

    private void run(Request r) {
        try {
            reply(r, execute(r), null);
        } catch (BadRequest e) {
            reply(r, null, e.getMessage());
        } catch (IllegalArgumentException e) {
            reply(r, null, e.getMessage()); // the cellular API's range checks
        } catch (IOException e) {
            reply(r, null, "the module: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("cmd/{} {} failed", r.op(), r.requestId(), e);
            reply(r, null, "internal error: " + e);
        }
    }

    private void reply(Request r, JsonObject result, String error) {
        answered.incrementAndGet();
        JsonObject j = new JsonObject();
        j.addProperty("requestId", r.requestId());
        j.addProperty("op", r.op());
        j.addProperty("ok", error == null);
        if (error == null) {
            j.add("result", result);
        } else {
            j.addProperty("error", error);
        }
        j.addProperty("time", Instant.now().toString());
        relay.queue("reply/" + r.requestId(), j);
    }

    private JsonObject execute(Request r) throws BadRequest, IOException {
        switch (r.op()) {
            case "open":
                return open(r);
            case "close":
                r.allowOnly(Set.of("connectId"));
                relay.sockets().close(r.requireInt("connectId", 0, 11));
                return new JsonObject();
            case "send":
                return send(r);
            case "read":
                return read(r);
            case "ping":
                return ping(r);
            case "state":
                return state(r);
            case "contexts":
                return contexts(r);
            case "config":
                return config(r);
            case "at":
                return at(r);
            default:
                throw new BadRequest("unknown op \"" + Request.abbreviate(r.op()) + "\" (known: " + String.join(", ", OPS)
                        + ")");
        }
    }

    private Modem modem() throws BadRequest {
        return relay.modem().orElseThrow(() -> new BadRequest("modem \"" + relay.options().modemName()
                + "\" is not available"));
    }

    private JsonObject open(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("serviceType", "contextId", "host", "port", "localPort", "accessMode", "maxClients",
                "connectTimeout", "rx"));
        String type = r.choice("serviceType", null, "TCP", "UDP", "TCP LISTENER", "UDP SERVICE");
        ServiceType st = ServiceType.of(type);
        boolean server = st == ServiceType.TCP_LISTENER || st == ServiceType.UDP_SERVICE;
        int contextId = r.optionalInt("contextId", 1, 1, 5);
        String host = server ? r.optionalString("host", 256).orElse("127.0.0.1") : r.requireString("host", 256);
        int port = server ? r.optionalInt("port", 0, 0, 0) : r.requireInt("port", 1, 65535);
        int localPort = server ? r.requireInt("localPort", 1, 65535) : r.optionalInt("localPort", 0, 0, 65535);
        // a UDP client in buffer mode reads with AT+QIRD=<id>,<len>, which may join datagrams: pushed by default
        String mode = r.choice("accessMode", st == ServiceType.UDP ? "push" : "buffer", "buffer", "push");
        int maxClients = r.optionalInt("maxClients", 11, 0, 11);
        int connectTimeout = r.optionalInt("connectTimeout", 0, 0, 150);
        String rx = r.choice("rx", "publish", "publish", "hold");
        SocketSpec spec = new SocketSpec(contextId, st, host, port, localPort,
                mode.equals("push") ? AccessMode.DIRECT_PUSH : AccessMode.BUFFER, maxClients, connectTimeout);
        Modem m = modem();
        ModemSocket s = relay.sockets().open(m, spec, rx.equals("hold"));
        JsonObject j = socketJson(s);
        j.addProperty("rx", rx.equals("hold") ? "hold" : relay.options().prefix() + "socket/" + s.connectId() + "/rx");
        j.addProperty("tx", relay.options().prefix() + "socket/" + s.connectId() + "/tx");
        return j;
    }

    private static JsonObject socketJson(ModemSocket s) {
        JsonObject j = new JsonObject();
        j.addProperty("connectId", s.connectId());
        j.addProperty("serviceType", s.serviceType().text());
        j.addProperty("contextId", s.spec().contextId());
        j.addProperty("host", s.spec().remoteHost());
        j.addProperty("port", s.spec().remotePort());
        j.addProperty("localPort", s.spec().localPort());
        j.addProperty("accessMode", s.accessMode() == AccessMode.DIRECT_PUSH ? "push" : "buffer");
        return j;
    }

    private JsonObject send(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("connectId", "data", "text", "remoteIp", "remotePort"));
        int id = r.requireInt("connectId", 0, 11);
        byte[] data = r.payloadBytes(relay.options().maxPayload());
        String ip = r.optionalString("remoteIp", 64).orElse(null);
        int port = ip == null ? r.optionalInt("remotePort", 0, 0, 0) : r.requireInt("remotePort", 1, 65535);
        JsonObject j = new JsonObject();
        j.addProperty("bytes", relay.sockets().send(id, data, ip, port));
        return j;
    }

    private JsonObject read(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("connectId", "maxBytes", "timeoutMs"));
        int id = r.requireInt("connectId", 0, 11);
        int max = r.optionalInt("maxBytes", 1500, 1, 65536);
        int timeout = r.optionalInt("timeoutMs", 0, 0, 60_000);
        RelaySockets.Received got = relay.sockets().read(id, max, Duration.ofMillis(timeout));
        JsonObject j = new JsonObject();
        j.addProperty("connectId", id);
        j.addProperty("end", got.data() == null);
        byte[] data = got.data() == null ? new byte[0] : got.data();
        j.addProperty("bytes", data.length);
        j.addProperty("data", Base64.getEncoder().encodeToString(data));
        if (got.remoteIp() != null) {
            j.addProperty("remoteIp", got.remoteIp());
            j.addProperty("remotePort", got.remotePort());
        }
        return j;
    }

    private JsonObject ping(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("host", "contextId", "timeoutSeconds", "count", "size"));
        String host = r.requireString("host", 256);
        int contextId = r.optionalInt("contextId", 1, 1, 5);
        int timeout = r.optionalInt("timeoutSeconds", 4, 1, 255);
        int count = r.optionalInt("count", 4, 1, 10);
        int size = r.optionalInt("size", 32, 32, 1500);
        PingResult p = modem().ping(contextId, host, timeout, count, size);
        JsonObject j = new JsonObject();
        JsonArray replies = new JsonArray();
        for (PingLine.Reply x : p.replies()) {
            JsonObject o = new JsonObject();
            o.addProperty("result", x.result());
            if (x.succeeded()) {
                o.addProperty("address", x.address());
                o.addProperty("bytes", x.bytes());
                o.addProperty("timeMs", x.timeMs());
                o.addProperty("ttl", x.ttl());
            }
            replies.add(o);
        }
        j.add("replies", replies);
        PingLine.Summary s = p.summary();
        JsonObject sum = new JsonObject();
        sum.addProperty("result", s.result());
        sum.addProperty("sent", s.sent());
        sum.addProperty("received", s.received());
        sum.addProperty("lost", s.lost());
        sum.addProperty("minMs", s.minMs());
        sum.addProperty("maxMs", s.maxMs());
        sum.addProperty("avgMs", s.avgMs());
        j.add("summary", sum);
        return j;
    }

    private JsonObject state(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of());
        JsonObject j = relay.stateObject(true);
        JsonArray module = new JsonArray();
        for (SocketState s : modem().socketStates()) {
            JsonObject o = new JsonObject();
            o.addProperty("connectId", s.connectId());
            o.addProperty("serviceType", s.serviceType().text());
            o.addProperty("address", s.address());
            o.addProperty("remotePort", s.remotePort());
            o.addProperty("localPort", s.localPort());
            o.addProperty("state", s.status().name());
            o.addProperty("contextId", s.contextId());
            o.addProperty("accessMode", s.accessMode().name());
            module.add(o);
        }
        j.add("moduleSockets", module);
        j.add("moduleContexts", contextsJson(modem().contexts()));
        JsonObject counters = new JsonObject();
        var st = relay.status();
        counters.addProperty("mqttConnected", st.mqttConnected());
        counters.addProperty("eventsPosted", st.eventsPosted());
        counters.addProperty("eventsDropped", st.eventsDropped());
        counters.addProperty("outboxQueued", st.outboxQueued());
        counters.addProperty("outboxDropped", st.outboxDropped());
        counters.addProperty("published", st.published());
        j.add("relay", counters);
        return j;
    }

    private static JsonArray contextsJson(List<PdpContextState> contexts) {
        JsonArray a = new JsonArray();
        for (PdpContextState c : contexts) {
            JsonObject o = new JsonObject();
            o.addProperty("contextId", c.contextId());
            o.addProperty("active", c.active());
            o.addProperty("type", c.type() == null ? "" : c.type().name());
            o.addProperty("ipv4", c.ipv4() == null ? "" : c.ipv4());
            o.addProperty("ipv6", c.ipv6() == null ? "" : c.ipv6());
            a.add(o);
        }
        return a;
    }

    private JsonObject contexts(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("action", "contextId"));
        String action = r.choice("action", "list", "list", "activate", "deactivate");
        Modem m = modem();
        if (action.equals("list")) {
            if (r.has("contextId")) {
                throw new BadRequest("contextId is not used by action list");
            }
        } else {
            int id = r.requireInt("contextId", 1, 5);
            if (action.equals("activate")) {
                m.activate(id);
            } else {
                m.deactivate(id);
            }
        }
        JsonObject j = new JsonObject();
        j.add("contexts", contextsJson(m.contexts()));
        return j;
    }

    // ---- config

    private JsonObject config(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("action", "pid", "factoryPid", "properties"));
        if (configs == null) {
            throw new BadRequest("configuration is not available here (no ConfigurationAdmin)");
        }
        String action = r.choice("action", null, "get", "set");
        if (action.equals("get")) {
            String pid = r.requireString("pid", 256);
            if (!SINGLETON_PIDS.contains(pid) && !FACTORY_PIDS.contains(pid) && !isFactoryInstance(pid)) {
                throw new BadRequest(unknownPid(pid));
            }
            JsonArray list = new JsonArray();
            for (ConfigStore.Config c : configs.get(pid)) {
                JsonObject o = new JsonObject();
                o.addProperty("pid", c.pid());
                if (c.factoryPid() != null) {
                    o.addProperty("factoryPid", c.factoryPid());
                }
                o.add("properties", publicProperties(c.properties()));
                list.add(o);
            }
            JsonObject j = new JsonObject();
            j.add("configurations", list);
            return j;
        }
        String pid = r.optionalString("pid", 256).orElse(null);
        String factoryPid = r.optionalString("factoryPid", 256).orElse(null);
        if ((pid == null) == (factoryPid == null)) {
            throw new BadRequest("give exactly one of pid (a singleton or an existing factory configuration) and "
                    + "factoryPid (to create a new one)");
        }
        if (pid != null && !SINGLETON_PIDS.contains(pid) && !isFactoryInstance(pid)) {
            throw new BadRequest(unknownPid(pid));
        }
        if (factoryPid != null && !FACTORY_PIDS.contains(factoryPid)) {
            throw new BadRequest("factoryPid \"" + Request.abbreviate(factoryPid) + "\" is not one of "
                    + String.join(", ", new java.util.TreeSet<>(FACTORY_PIDS)));
        }
        Map<String, Object> props = properties(r.requireObject("properties"));
        String written = configs.set(pid, factoryPid, props);
        // what was written, secrets left out, is what the caller sees
        LOG.info("cmd/config: {} updated ({} properties: {})", written, props.size(),
                String.join(", ", publicProperties(props).keySet()));
        JsonObject j = new JsonObject();
        j.addProperty("pid", written);
        return j;
    }

    private boolean isFactoryInstance(String pid) throws IOException {
        List<ConfigStore.Config> found = configs.get(pid);
        return found.size() == 1 && found.get(0).factoryPid() != null && FACTORY_PIDS.contains(found.get(0).factoryPid());
    }

    private static String unknownPid(String pid) {
        return "pid \"" + Request.abbreviate(pid) + "\" is not a cellbridge configuration (singletons: "
                + String.join(", ", new java.util.TreeSet<>(SINGLETON_PIDS)) + "; factories: "
                + String.join(", ", new java.util.TreeSet<>(FACTORY_PIDS)) + " and their instances)";
    }

    /** Whether an attribute is a secret (Password attributes of our components all say so in their name). */
    static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("credential");
    }

    /** Properties without secrets, as JSON. */
    static JsonObject publicProperties(Map<String, Object> props) {
        JsonObject o = new JsonObject();
        new java.util.TreeMap<>(props).forEach((k, v) -> {
            if (!secret(k) && v != null) {
                o.add(k, toJson(v));
            }
        });
        return o;
    }

    private static JsonElement toJson(Object v) {
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof Character c) {
            return new JsonPrimitive(c);
        }
        if (v.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                a.add(toJson(Array.get(v, i)));
            }
            return a;
        }
        if (v instanceof java.util.Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(x -> a.add(toJson(x)));
            return a;
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    /** JSON properties to configuration values: String, Boolean, Integer/Long, Double, String[]. */
    private static Map<String, Object> properties(JsonObject o) throws BadRequest {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("service.") || k.equals("kura.service.pid") || k.startsWith("component.")) {
                throw new BadRequest("property " + Request.abbreviate(k) + " is managed by the framework");
            }
            JsonElement v = e.getValue();
            if (v.isJsonArray()) {
                List<String> items = new ArrayList<>();
                for (JsonElement x : v.getAsJsonArray()) {
                    if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                        throw new BadRequest("property " + Request.abbreviate(k) + ": arrays must hold strings only");
                    }
                    items.add(x.getAsString());
                }
                m.put(k, items.toArray(new String[0]));
            } else if (v.isJsonPrimitive()) {
                JsonPrimitive p = v.getAsJsonPrimitive();
                if (p.isBoolean()) {
                    m.put(k, p.getAsBoolean());
                } else if (p.isNumber()) {
                    java.math.BigDecimal d = p.getAsBigDecimal();
                    if (d.stripTrailingZeros().scale() <= 0) {
                        long l = d.longValueExact();
                        m.put(k, l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l);
                    } else {
                        m.put(k, d.doubleValue());
                    }
                } else {
                    m.put(k, p.getAsString());
                }
            } else {
                throw new BadRequest("property " + Request.abbreviate(k) + " must be a string, number, boolean or "
                        + "array of strings, not " + Request.kind(v));
            }
        }
        if (m.isEmpty()) {
            throw new BadRequest("properties is empty: nothing to set");
        }
        return m;
    }

    // ---- raw AT

    private JsonObject at(Request r) throws BadRequest, IOException {
        r.allowOnly(Set.of("command", "timeoutMs"));
        if (!relay.options().atEnabled()) {
            throw new BadRequest("raw AT over MQTT is disabled (configuration at.enabled)");
        }
        String command = r.requireString("command", 256);
        int timeout = r.optionalInt("timeoutMs", 5000, 100, 150_000);
        if (command.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new BadRequest("command must be one line of printable characters");
        }
        String upper = command.toUpperCase(Locale.ROOT);
        boolean allowed = relay.options().atAllow().stream()
                .anyMatch(p -> !p.isEmpty() && upper.startsWith(p.toUpperCase(Locale.ROOT)));
        if (!allowed) {
            throw new BadRequest("command \"" + Request.abbreviate(command) + "\" is not allowed (allowed prefixes: "
                    + String.join(", ", relay.options().atAllow()) + ")");
        }
        AtResponse resp = modem().channel()
                .execute(dev.cellbridge.at.AtCommand.of(command).withTimeout(Duration.ofMillis(timeout)));
        JsonObject j = new JsonObject();
        j.addProperty("command", command);
        j.addProperty("result", resp.result().text());
        JsonArray lines = new JsonArray();
        resp.texts().forEach(lines::add);
        j.add("lines", lines);
        if (resp.result().error().isPresent()) {
            j.addProperty("cmeError", resp.result().error().getAsInt());
        } else {
            j.add("cmeError", com.google.gson.JsonNull.INSTANCE);
        }
        return j;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
