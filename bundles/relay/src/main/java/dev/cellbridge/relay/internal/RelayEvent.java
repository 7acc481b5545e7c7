package dev.cellbridge.relay.internal;

import static dev.cellbridge.relay.RelayTopics.*;

import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.PingLine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing the relay tells EventAdmin (and MQTT): a URC, socket data, or a socket, context or modem state change.
 * {@link #topic()} and {@link #properties()} are exactly DESIGN.md's table.
 */
sealed interface RelayEvent {

    /** The modem's name. */
    String modem();

    /** The EventAdmin topic. */
    String topic();

    /** The EventAdmin properties (String, Integer or byte[] values; no nulls). */
    Map<String, Object> properties();

    /** A URC, with its parsed fields. */
    record Urc(String modem, CellularEvent event) implements RelayEvent {
        public Urc {
            Objects.requireNonNull(modem, "modem");
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String topic() {
            return URC_PREFIX + event.name();
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(MODEM, modem);
            p.put(URC, event.line());
            fields(event, p);
            return p;
        }

        /** The parsed fields of a URC, by DESIGN.md's names (shared with the JSON form). */
        static void fields(CellularEvent event, Map<String, Object> p) {
            if (event instanceof CellularEvent.Closed c) {
                p.put(CONNECT_ID, c.connectId());
            } else if (event instanceof CellularEvent.Recv r) {
                // the bytes themselves are socket data (socket/DATA, socket/<id>/rx), not repeated on every URC
                p.put(CONNECT_ID, r.connectId());
                if (r.data() != null) {
                    p.put(LENGTH, r.data().length);
                } else if (r.length() >= 0) {
                    p.put(LENGTH, r.length());
                }
                if (r.remoteIp() != null) {
                    p.put(REMOTE_IP, r.remoteIp());
                    p.put(REMOTE_PORT, r.remotePort());
                }
            } else if (event instanceof CellularEvent.Incoming i) {
                p.put(CONNECT_ID, i.connectId());
                p.put(SERVER_ID, i.serverId());
                p.put(REMOTE_IP, i.remoteIp());
                p.put(REMOTE_PORT, i.remotePort());
            } else if (event instanceof CellularEvent.IncomingFull f) {
                if (f.serverId() >= 0) {
                    p.put(SERVER_ID, f.serverId());
                }
            } else if (event instanceof CellularEvent.PdpDeactivated d) {
                p.put(CONTEXT_ID, d.contextId());
            } else if (event instanceof CellularEvent.Opened o) {
                p.put(CONNECT_ID, o.connectId());
                p.put(ERROR, o.error());
            } else if (event instanceof CellularEvent.ContextActivated a) {
                p.put(CONTEXT_ID, a.contextId());
                p.put(ERROR, a.error());
                if (a.state() != null) {
                    p.put(IPV4, a.state().ipv4() == null ? "" : a.state().ipv4());
                    p.put(IPV6, a.state().ipv6() == null ? "" : a.state().ipv6());
                }
            } else if (event instanceof CellularEvent.ContextDeactivated d) {
                p.put(CONTEXT_ID, d.contextId());
                p.put(ERROR, d.error());
            } else if (event instanceof CellularEvent.Ping ping) {
                if (ping.ping() instanceof PingLine.Reply r) {
                    p.put("kind", "reply");
                    p.put("result", r.result());
                    if (r.succeeded()) {
                        p.put("address", r.address());
                        p.put("bytes", r.bytes());
                        p.put("timeMs", r.timeMs());
                        p.put("ttl", r.ttl());
                    }
                } else if (ping.ping() instanceof PingLine.Summary s) {
                    p.put("kind", "summary");
                    p.put("result", s.result());
                    p.put("sent", s.sent());
                    p.put("received", s.received());
                    p.put("lost", s.lost());
                    p.put("minMs", s.minMs());
                    p.put("maxMs", s.maxMs());
                    p.put("avgMs", s.avgMs());
                }
            }
            // Other: nothing parsed, the raw line says it all
        }
    }

    /** Bytes received on a socket the relay reads; remoteIp is null for TCP. */
    record SocketData(String modem, int connectId, byte[] data, String remoteIp, int remotePort)
            implements RelayEvent {
        public SocketData {
            Objects.requireNonNull(modem, "modem");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String topic() {
            return SOCKET_DATA;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(MODEM, modem);
            p.put(CONNECT_ID, connectId);
            p.put(DATA, data.clone());
            if (remoteIp != null) {
                p.put(REMOTE_IP, remoteIp);
                p.put(REMOTE_PORT, remotePort);
            }
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SocketData d && modem.equals(d.modem) && connectId == d.connectId
                    && Arrays.equals(data, d.data) && Objects.equals(remoteIp, d.remoteIp) && remotePort == d.remotePort;
        }

        @Override
        public int hashCode() {
            return Objects.hash(modem, connectId, Arrays.hashCode(data), remoteIp, remotePort);
        }

        @Override
        public String toString() {
            return "SocketData[" + modem + " " + connectId + ", " + data.length + " bytes]";
        }
    }

    /**
     * A socket changed state.
     *
     * @param serviceType as the module spells it ("TCP", "TCP LISTENER", ...), "" when unknown
     * @param state       OPEN, LISTENING, CLOSED
     */
    record SocketState(String modem, int connectId, String serviceType, String state) implements RelayEvent {
        @Override
        public String topic() {
            return SOCKET_STATE;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(MODEM, modem);
            p.put(CONNECT_ID, connectId);
            p.put(SERVICE_TYPE, serviceType);
            p.put(STATE, state);
            return p;
        }
    }

    /** A PDP context changed state (INACTIVE, ACTIVATING, ACTIVE, REACTIVATING, FAILED, GONE); "" for no address. */
    record ContextState(String modem, int contextId, String state, String ipv4, String ipv6) implements RelayEvent {
        public ContextState {
            ipv4 = ipv4 == null ? "" : ipv4;
            ipv6 = ipv6 == null ? "" : ipv6;
        }

        @Override
        public String topic() {
            return CONTEXT_STATE;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(MODEM, modem);
            p.put(CONTEXT_ID, contextId);
            p.put(STATE, state);
            p.put(IPV4, ipv4);
            p.put(IPV6, ipv6);
            return p;
        }
    }

    /** A modem changed state (UP, UNRESPONSIVE, REBOOTING, GONE). */
    record ModemState(String modem, String state, String reason) implements RelayEvent {
        public ModemState {
            reason = reason == null ? "" : reason;
        }

        @Override
        public String topic() {
            return MODEM_STATE;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(MODEM, modem);
            p.put(STATE, state);
            p.put(REASON, reason);
            return p;
        }
    }
}
