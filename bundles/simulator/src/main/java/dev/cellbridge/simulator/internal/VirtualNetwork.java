package dev.cellbridge.simulator.internal;

import dev.cellbridge.simulator.SimulatorOptions;
import dev.cellbridge.simulator.SimulatorOptions.Route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The simulated network: names resolve through the DNS table, virtual endpoints map to real ones through the
 * routes, loopback destinations are reachable as they are, anything else only with allowRealNetwork.
 */
final class VirtualNetwork {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private final Map<String, InetSocketAddress> routes = new HashMap<>();
    private final Map<String, String> reverse = new HashMap<>();
    private final Map<String, String> dns;
    private final boolean allowReal;

    VirtualNetwork(SimulatorOptions options) {
        for (Route r : options.routes()) {
            InetSocketAddress real = new InetSocketAddress(r.host(), r.port());
            routes.put(r.virtualHost() + ":" + r.virtualPort(), real);
            if (real.getAddress() != null) {
                reverse.put(real.getAddress().getHostAddress() + ":" + r.port(), r.virtualHost() + ":" + r.virtualPort());
            }
        }
        this.dns = options.dns();
        this.allowReal = options.allowRealNetwork();
    }

    static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    /** Resolves a host name or dotted address to a (virtual) dotted IPv4 address. */
    Optional<String> resolve(String host) {
        if (isIpv4(host)) {
            return Optional.of(host);
        }
        String vip = dns.get(host);
        if (vip != null) {
            return Optional.of(vip);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return Optional.of("127.0.0.1");
        }
        if (allowReal) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a.getAddress().length == 4) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The real endpoint a virtual one reaches, or empty when the destination is refused. */
    Optional<InetSocketAddress> route(String vip, int port) {
        InetSocketAddress routed = routes.get(vip + ":" + port);
        if (routed != null) {
            return Optional.of(routed);
        }
        if (vip.startsWith("127.") || allowReal) {
            return Optional.of(new InetSocketAddress(vip, port));
        }
        return Optional.empty();
    }

    /** Whether any route or loopback makes this address reachable (for QPING). */
    boolean reachable(String vip) {
        if (vip.startsWith("127.") || allowReal) {
            return true;
        }
        String prefix = vip + ":";
        return routes.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** Maps a real source endpoint back to its virtual one when a route names it. */
    String[] virtualSource(InetSocketAddress real) {
        String key = real.getAddress().getHostAddress() + ":" + real.getPort();
        String v = reverse.get(key);
        if (v != null) {
            int c = v.lastIndexOf(':');
            return new String[] {v.substring(0, c), v.substring(c + 1)};
        }
        return new String[] {real.getAddress().getHostAddress(), String.valueOf(real.getPort())};
    }
}
