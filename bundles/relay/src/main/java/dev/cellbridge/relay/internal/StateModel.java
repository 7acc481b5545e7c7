package dev.cellbridge.relay.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the retained {@code state} message says: modems, PDP contexts and sockets as last reported, and the relay's
 * loss counters. Used on the relay's event thread (state changes) and read from others: synchronized.
 */
final class StateModel {

    private record ModemInfo(String state, String reason) {
    }

    private record ContextInfo(String state, String ipv4, String ipv6) {
    }

    private record SocketInfo(String serviceType, String state) {
    }

    private final String deviceId;
    private final Map<String, ModemInfo> modems = new TreeMap<>();
    private final Map<String, ContextInfo> contexts = new TreeMap<>(); // "modem/ctx"
    private final Map<String, SocketInfo> sockets = new TreeMap<>(); // "modem/id"

    StateModel(String deviceId) {
        this.deviceId = deviceId;
    }

    /**
     * Takes a state event in; false when it changes nothing (then nobody hears of it again).
     */
    synchronized boolean accept(RelayEvent e) {
        if (e instanceof RelayEvent.ModemState m) {
            ModemInfo now = new ModemInfo(m.state(), m.reason());
            if (now.equals(modems.get(m.modem()))) {
                return false;
            }
            if (m.state().equals("GONE")) {
                modems.remove(m.modem());
                contexts.keySet().removeIf(k -> k.startsWith(m.modem() + "/"));
                sockets.keySet().removeIf(k -> k.startsWith(m.modem() + "/"));
            } else {
                modems.put(m.modem(), now);
            }
            return true;
        }
        if (e instanceof RelayEvent.ContextState c) {
            String key = c.modem() + "/" + c.contextId();
            ContextInfo now = new ContextInfo(c.state(), c.ipv4(), c.ipv6());
            if (now.equals(contexts.get(key))) {
                return false;
            }
            if (c.state().equals("GONE")) {
                return contexts.remove(key) != null; // an unknown context going away changes nothing
            }
            contexts.put(key, now);
            return true;
        }
        if (e instanceof RelayEvent.SocketState s) {
            String key = s.modem() + "/" + s.connectId();
            SocketInfo known = sockets.get(key);
            if (s.state().equals("CLOSED")) {
                return sockets.remove(key) != null;
            }
            SocketInfo now = new SocketInfo(s.serviceType(), s.state());
            if (now.equals(known)) {
                return false;
            }
            sockets.put(key, now);
            return true;
        }
        return true;
    }

    /** The service type last reported for a socket, "" when unknown. */
    synchronized String serviceType(String modem, int connectId) {
        SocketInfo s = sockets.get(modem + "/" + connectId);
        return s == null ? "" : s.serviceType();
    }

    /** The {@code state} JSON. */
    synchronized JsonObject json(boolean online, long eventsDropped, long outboxDropped) {
        JsonObject o = new JsonObject();
        o.addProperty("online", online);
        o.addProperty("deviceId", deviceId);
        o.addProperty("time", Instant.now().toString());
        JsonArray ms = new JsonArray();
        modems.forEach((name, m) -> {
            JsonObject j = new JsonObject();
            j.addProperty("modem", name);
            j.addProperty("state", m.state());
            j.addProperty("reason", m.reason());
            ms.add(j);
        });
        o.add("modems", ms);
        JsonArray cs = new JsonArray();
        contexts.forEach((key, c) -> {
            JsonObject j = new JsonObject();
            int slash = key.lastIndexOf('/');
            j.addProperty("modem", key.substring(0, slash));
            j.addProperty("contextId", Integer.parseInt(key.substring(slash + 1)));
            j.addProperty("state", c.state());
            j.addProperty("ipv4", c.ipv4());
            j.addProperty("ipv6", c.ipv6());
            cs.add(j);
        });
        o.add("contexts", cs);
        JsonArray ss = new JsonArray();
        sockets.forEach((key, s) -> {
            JsonObject j = new JsonObject();
            int slash = key.lastIndexOf('/');
            j.addProperty("modem", key.substring(0, slash));
            j.addProperty("connectId", Integer.parseInt(key.substring(slash + 1)));
            j.addProperty("serviceType", s.serviceType());
            j.addProperty("state", s.state());
            ss.add(j);
        });
        o.add("sockets", ss);
        JsonObject relay = new JsonObject();
        relay.addProperty("eventsDropped", eventsDropped);
        relay.addProperty("outboxDropped", outboxDropped);
        o.add("relay", relay);
        return o;
    }

    /** The Last Will: offline, nothing else known. */
    static JsonObject offline(String deviceId) {
        JsonObject o = new JsonObject();
        o.addProperty("online", false);
        o.addProperty("deviceId", deviceId);
        return o;
    }
}
