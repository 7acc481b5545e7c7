package dev.cellbridge.cli.internal.osgi;

import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModuleInfo;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.SocketState;
import java.util.ArrayList;
import java.util.List;

/** The human-readable lines of a module's identity, contexts and sockets (shell commands and the console). */
final class StatusReport {

    private StatusReport() {
    }

    /** Module identity, then contexts, then sockets. */
    static List<String> of(Modem modem) throws CellularException {
        List<String> lines = new ArrayList<>();
        lines.add(module(modem.info()));
        lines.addAll(contexts(modem.contexts()));
        lines.addAll(sockets(modem.socketStates()));
        return lines;
    }

    static String module(ModuleInfo info) {
        return "module: " + info.manufacturer() + " " + info.model() + ", revision " + info.revision() + ", IMEI "
            + info.imei();
    }

    static List<String> contexts(List<PdpContextState> contexts) {
        if (contexts.isEmpty()) {
            return List.of("contexts: none active");
        }
        List<String> lines = new ArrayList<>();
        for (PdpContextState c : contexts) {
            lines.add("context " + c.contextId() + ": " + (c.active() ? "active" : "inactive") + ", " + c.type()
                + c.ipv4Address().map(a -> ", " + a).orElse("") + c.ipv6Address().map(a -> ", " + a).orElse(""));
        }
        return lines;
    }

    static List<String> sockets(List<SocketState> sockets) {
        if (sockets.isEmpty()) {
            return List.of("sockets: none");
        }
        List<String> lines = new ArrayList<>();
        for (SocketState s : sockets) {
            lines.add(String.format("socket %d: %s %s:%d, local port %d, %s, context %d, %s", s.connectId(),
                s.serviceType().text(), s.address(), s.remotePort(), s.localPort(), s.status(), s.contextId(),
                s.accessMode()));
        }
        return lines;
    }
}
