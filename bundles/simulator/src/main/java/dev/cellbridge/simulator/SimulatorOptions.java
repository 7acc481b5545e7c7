package dev.cellbridge.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a {@link Simulator} can be configured with; one field per command-line option of
 * {@code cellbridge-sim.jar}. Build it with {@link #builder()}; {@link #defaults()} is what the command line uses when
 * no option is given.
 *
 * @param tcpPort          host port on 127.0.0.1 ({@code --tcp}); 0 picks a free port
 * @param routes           virtual remote endpoints mapped to real endpoints ({@code --route VIP:VPORT=HOST:PORT})
 * @param dns              resolver table name to virtual IPv4 address ({@code --dns NAME=VIP})
 * @param pdpIp            IPv4 address of context 1; context n gets the last octet plus n-1 ({@code --pdp-ip})
 * @param listenOffset     a TCP LISTENER / UDP SERVICE on local port P binds 127.0.0.1:(P+offset)
 *                         ({@code --listen-offset})
 * @param guardMs          the {@code +++} guard time ({@code --guard-ms}, spec default 1000)
 * @param baud             pace both directions like an 8N1 UART at this rate; 0 = unpaced ({@code --baud})
 * @param allowRealNetwork permit destinations outside loopback ({@code --allow-real-network})
 * @param controlPort      fault-injection port on 127.0.0.1 ({@code --control}); -1 = none, 0 = pick a free port
 * @param atPort           the {@code <AT_port>} that QISTATE reports ({@code --at-port}, default "usbmodem")
 * @param pingRttMs        round-trip times QPING waits and reports, used in turn ({@code --ping-rtt MS[,MS...]})
 * @param pingTtl          TTL QPING reports ({@code --ping-ttl})
 */
public record SimulatorOptions(int tcpPort, List<Route> routes, Map<String, String> dns, String pdpIp,
        int listenOffset, long guardMs, int baud, boolean allowRealNetwork, int controlPort, String atPort,
        List<Integer> pingRttMs, int pingTtl) {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * A virtual remote endpoint (what the host names in QIOPEN / QISEND) and the real endpoint it is routed to. Used
     * for TCP and UDP alike.
     *
     * @param virtualHost dotted IPv4 address the module's host uses, e.g. {@code 220.180.239.212}
     * @param virtualPort port the module's host uses
     * @param host        real host (loopback unless {@code allowRealNetwork})
     * @param port        real port
     */
    public record Route(String virtualHost, int virtualPort, String host, int port) {
        /** Validates addresses and ports. */
        public Route {
            Objects.requireNonNull(virtualHost, "virtualHost");
            Objects.requireNonNull(host, "host");
            if (!isIpv4(virtualHost)) {
                throw new IllegalArgumentException("route virtual address is not dotted IPv4: " + virtualHost);
            }
            checkPort("route virtual port", virtualPort, 1);
            checkPort("route real port", port, 1);
        }

        /**
         * Parses {@code VIP:VPORT=HOST:PORT}.
         *
         * @param spec the text of a {@code --route} option
         * @return the route
         * @throws IllegalArgumentException naming what is wrong
         */
        public static Route parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("route must be VIP:VPORT=HOST:PORT, got: " + spec);
            }
            String left = spec.substring(0, eq);
            String right = spec.substring(eq + 1);
            int lc = left.lastIndexOf(':');
            int rc = right.lastIndexOf(':');
            if (lc <= 0 || rc <= 0) {
                throw new IllegalArgumentException("route must be VIP:VPORT=HOST:PORT, got: " + spec);
            }
            return new Route(left.substring(0, lc), parsePort(left.substring(lc + 1), spec),
                    right.substring(0, rc), parsePort(right.substring(rc + 1), spec));
        }

        private static int parsePort(String text, String spec) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("route port is not a number in: " + spec);
            }
        }
    }

    /** Validates every field and copies the collections. */
    public SimulatorOptions {
        checkPort("tcpPort", tcpPort, 0);
        routes = List.copyOf(routes);
        dns = Map.copyOf(dns);
        Objects.requireNonNull(pdpIp, "pdpIp");
        Objects.requireNonNull(atPort, "atPort");
        if (!isIpv4(pdpIp)) {
            throw new IllegalArgumentException("pdpIp is not dotted IPv4: " + pdpIp);
        }
        for (Map.Entry<String, String> e : dns.entrySet()) {
            if (!isIpv4(e.getValue())) {
                throw new IllegalArgumentException("dns entry " + e.getKey() + " is not dotted IPv4: " + e.getValue());
            }
        }
        if (listenOffset < -65535 || listenOffset > 65535) {
            throw new IllegalArgumentException("listenOffset out of range -65535..65535: " + listenOffset);
        }
        if (guardMs < 1 || guardMs > 60_000) {
            throw new IllegalArgumentException("guardMs out of range 1..60000: " + guardMs);
        }
        if (baud < 0) {
            throw new IllegalArgumentException("baud must be 0 (unpaced) or positive: " + baud);
        }
        if (controlPort != -1) {
            checkPort("controlPort", controlPort, 0);
        }
        pingRttMs = List.copyOf(pingRttMs);
        if (pingRttMs.isEmpty()) {
            throw new IllegalArgumentException("pingRttMs needs at least one value");
        }
        for (int rtt : pingRttMs) {
            if (rtt < 0 || rtt > 255_000) {
                throw new IllegalArgumentException("pingRttMs value out of range 0..255000: " + rtt);
            }
        }
        if (pingTtl < 1 || pingTtl > 255) {
            throw new IllegalArgumentException("pingTtl out of range 1..255: " + pingTtl);
        }
        if (!allowRealNetwork) {
            for (Route r : routes) {
                if (!isLoopbackName(r.host())) {
                    throw new IllegalArgumentException("route target " + r.host()
                            + " is not loopback; pass allowRealNetwork (--allow-real-network) to permit it");
                }
            }
        }
    }

    /** @return the options the command line uses when none is given (port 0, no routes, 10.7.157.1, ...) */
    public static SimulatorOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tcpPort = tcpPort;
        b.routes.addAll(routes);
        b.dns.putAll(dns);
        b.pdpIp = pdpIp;
        b.listenOffset = listenOffset;
        b.guardMs = guardMs;
        b.baud = baud;
        b.allowRealNetwork = allowRealNetwork;
        b.controlPort = controlPort;
        b.atPort = atPort;
        b.pingRttMs = pingRttMs;
        b.pingTtl = pingTtl;
        return b;
    }

    static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.equals("::1") || (isIpv4(host) && host.startsWith("127."));
    }

    private static void checkPort(String what, int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(what + " out of range " + min + "..65535: " + port);
        }
    }

    /** Mutable builder of {@link SimulatorOptions}; every setter returns this builder. */
    public static final class Builder {
        private int tcpPort;
        private final List<Route> routes = new ArrayList<>();
        private final Map<String, String> dns = new LinkedHashMap<>();
        private String pdpIp = "10.7.157.1";
        private int listenOffset;
        private long guardMs = 1000;
        private int baud;
        private boolean allowRealNetwork;
        private int controlPort = -1;
        private String atPort = "usbmodem";
        private List<Integer> pingRttMs = List.of(20);
        private int pingTtl = 255;

        private Builder() {
        }

        /** @param port host port, 0 = free port @return this */
        public Builder tcpPort(int port) {
            this.tcpPort = port;
            return this;
        }

        /** @param route one more route @return this */
        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        /** @param spec {@code VIP:VPORT=HOST:PORT} @return this */
        public Builder route(String spec) {
            return route(Route.parse(spec));
        }

        /** @param name resolvable name @param virtualIp its dotted IPv4 address @return this */
        public Builder dns(String name, String virtualIp) {
            dns.put(name, virtualIp);
            return this;
        }

        /** @param ip IPv4 address of context 1 @return this */
        public Builder pdpIp(String ip) {
            this.pdpIp = ip;
            return this;
        }

        /** @param offset added to listener/UDP service local ports to get the real bound port @return this */
        public Builder listenOffset(int offset) {
            this.listenOffset = offset;
            return this;
        }

        /** @param ms {@code +++} guard time @return this */
        public Builder guardMs(long ms) {
            this.guardMs = ms;
            return this;
        }

        /** @param baud UART rate to pace at, 0 = unpaced @return this */
        public Builder baud(int baud) {
            this.baud = baud;
            return this;
        }

        /** @param allow permit destinations outside loopback @return this */
        public Builder allowRealNetwork(boolean allow) {
            this.allowRealNetwork = allow;
            return this;
        }

        /** @param port control port, -1 none, 0 free port @return this */
        public Builder controlPort(int port) {
            this.controlPort = port;
            return this;
        }

        /** @param name AT_port name QISTATE reports @return this */
        public Builder atPort(String name) {
            this.atPort = name;
            return this;
        }

        /** @param ms ping round-trip times, used in turn for successive replies @return this */
        public Builder pingRttMs(int... ms) {
            List<Integer> list = new ArrayList<>();
            for (int v : ms) {
                list.add(v);
            }
            this.pingRttMs = list;
            return this;
        }

        /** @param ttl ping TTL @return this */
        public Builder pingTtl(int ttl) {
            this.pingTtl = ttl;
            return this;
        }

        /** @return validated options @throws IllegalArgumentException naming the bad field */
        public SimulatorOptions build() {
            return new SimulatorOptions(tcpPort, routes, dns, pdpIp, listenOffset, guardMs, baud, allowRealNetwork,
                    controlPort, atPort, pingRttMs, pingTtl);
        }
    }
}
