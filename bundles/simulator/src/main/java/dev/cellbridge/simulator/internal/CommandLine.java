package dev.cellbridge.simulator.internal;

import dev.cellbridge.simulator.SimulatorOptions;

/**
 * Parses the simulator's command line (DESIGN.md "Command lines").
 *
 * @param options the options
 * @param help    whether --help was given
 */
record CommandLine(SimulatorOptions options, boolean help) {
    static final String USAGE = String.join("\n",
            "usage: java -jar cellbridge-sim.jar [options]",
            "  --tcp PORT                 listen on 127.0.0.1:PORT (0 = free port; default 0); prints LISTENING <port>",
            "  --route VIP:VPORT=HOST:PORT  virtual endpoint -> real endpoint, TCP and UDP (repeatable)",
            "  --dns NAME=VIP             resolver entry for QIOPEN and QPING (repeatable)",
            "  --pdp-ip A.B.C.D           IPv4 address of context 1 (default 10.7.157.1)",
            "  --listen-offset N          TCP LISTENER / UDP SERVICE on local port P binds 127.0.0.1:(P+N)",
            "  --guard-ms MS              +++ guard time (default 1000)",
            "  --baud N                   pace both directions like an N-baud 8N1 UART (default unpaced)",
            "  --allow-real-network       permit destinations outside loopback",
            "  --control PORT             fault-injection port (0 = free port); prints CONTROL <port>",
            "  --at-port NAME             <AT_port> reported by QISTATE (default usbmodem)",
            "  --ping-rtt MS[,MS...]      QPING round-trip times, used in turn (default 20)",
            "  --ping-ttl N               QPING TTL (default 255)",
            "  --help                     this text");

    static CommandLine parse(String[] args) {
        SimulatorOptions.Builder b = SimulatorOptions.builder();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--allow-real-network" -> b.allowRealNetwork(true);
                case "--tcp" -> b.tcpPort(intValue(args, ++i, a));
                case "--route" -> b.route(SimulatorOptions.Route.parse(value(args, ++i, a)));
                case "--dns" -> {
                    String v = value(args, ++i, a);
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--dns must be NAME=VIP, got: " + v);
                    }
                    b.dns(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--pdp-ip" -> b.pdpIp(value(args, ++i, a));
                case "--listen-offset" -> b.listenOffset(intValue(args, ++i, a));
                case "--guard-ms" -> b.guardMs(intValue(args, ++i, a));
                case "--baud" -> b.baud(intValue(args, ++i, a));
                case "--control" -> b.controlPort(intValue(args, ++i, a));
                case "--at-port" -> b.atPort(value(args, ++i, a));
                case "--ping-rtt" -> {
                    String[] parts = value(args, ++i, a).split(",");
                    int[] rtts = new int[parts.length];
                    for (int k = 0; k < parts.length; k++) {
                        try {
                            rtts[k] = Integer.parseInt(parts[k].strip());
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--ping-rtt needs numbers, got: " + parts[k]);
                        }
                    }
                    b.pingRttMs(rtts);
                }
                case "--ping-ttl" -> b.pingTtl(intValue(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        return new CommandLine(b.build(), help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got: " + v);
        }
    }
}
