package dev.cellbridge.cli.internal;

import dev.cellbridge.cli.Cellbridge;
import dev.cellbridge.serial.SerialLink;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Opens the link a {@code --port} names. Besides what {@link SerialLinks} accepts, {@code sim:} starts
 * an embedded simulator on a free loopback port (options as a query:
 * {@code sim:?route=220.180.239.212:8009=127.0.0.1:9000&dns=example.com=220.180.239.212}).
 */
final class PortOpener implements AutoCloseable {

    private Simulator simulator;

    SerialLink open(String uri) {
        String target = uri;
        if (uri.equals("sim:") || uri.startsWith("sim:?")) {
            target = "tcp://127.0.0.1:" + startSimulator(uri.length() > 5 ? uri.substring(5) : "");
        }
        try {
            return SerialLinks.open(target);
        } catch (SerialLinkException e) {
            if (e.reason() == SerialLinkException.Reason.BAD_URI) {
                throw new CliFailure(Cellbridge.USAGE, "bad --port " + e.getMessage(), e);
            }
            throw new CliFailure(Cellbridge.LINK_FAILURE, "cannot open port " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(Cellbridge.USAGE, "bad --port " + uri + ": " + e.getMessage(), e);
        }
    }

    private int startSimulator(String query) {
        SimulatorOptions.Builder options = SimulatorOptions.defaults().toBuilder().tcpPort(0);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            try {
                switch (key) {
                    case "route" -> options.route(value);
                    case "dns" -> {
                        int at = value.indexOf('=');
                        if (at < 0) {
                            throw new IllegalArgumentException("dns wants NAME=VIP: " + value);
                        }
                        options.dns(value.substring(0, at), value.substring(at + 1));
                    }
                    case "pdp-ip" -> options.pdpIp(value);
                    default -> throw new IllegalArgumentException("unknown simulator option '" + key
                            + "' (route, dns, pdp-ip)");
                }
            } catch (IllegalArgumentException e) {
                throw new CliFailure(Cellbridge.USAGE, "bad --port sim:" + query + ": " + e.getMessage(), e);
            }
        }
        try {
            simulator = Simulator.start(options.build());
            return simulator.port();
        } catch (IOException e) {
            throw new CliFailure(Cellbridge.LINK_FAILURE, "cannot start the embedded simulator: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
