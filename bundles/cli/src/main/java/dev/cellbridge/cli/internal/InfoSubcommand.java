package dev.cellbridge.cli.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ModuleInfo;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.SocketState;
import dev.cellbridge.cli.Cellbridge;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cellbridge info [--json]}: the module, its active contexts and its sockets. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the module (ATI, IMEI), its active PDP contexts and its socket services.")
final class InfoSubcommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (ModemSession session = new ModemSession(root.port)) {
            ModuleInfo info = session.modem.info();
            List<PdpContextState> contexts = session.modem.contexts();
            List<SocketState> sockets = session.modem.socketStates();
            if (json) {
                printJson(info, contexts, sockets);
            } else {
                printText(info, contexts, sockets);
            }
            return Cellbridge.OK;
        } catch (CellularException e) {
            throw ModemSession.failure("info", e);
        }
    }

    private void printText(ModuleInfo info, List<PdpContextState> contexts, List<SocketState> sockets) {
        var out = root.out;
        out.println("module:   " + info.manufacturer() + " " + info.model() + ", revision " + info.revision());
        out.println("IMEI:     " + info.imei());
        if (contexts.isEmpty()) {
            out.println("contexts: none active");
        }
        for (PdpContextState c : contexts) {
            out.println("context " + c.contextId() + ": " + (c.active() ? "active" : "inactive") + ", " + c.type()
                    + c.ipv4Address().map(a -> ", " + a).orElse("") + c.ipv6Address().map(a -> ", " + a).orElse(""));
        }
        if (sockets.isEmpty()) {
            out.println("sockets:  none");
        }
        for (SocketState s : sockets) {
            out.printf("socket %2d: %-12s %s:%d local %d, %s, context %d, %s%n", s.connectId(), s.serviceType().text(),
                    s.address(), s.remotePort(), s.localPort(), s.status(), s.contextId(), s.accessMode());
        }
    }

    private void printJson(ModuleInfo info, List<PdpContextState> contexts, List<SocketState> sockets) {
        JsonObject o = new JsonObject();
        JsonObject module = new JsonObject();
        module.addProperty("manufacturer", info.manufacturer());
        module.addProperty("model", info.model());
        module.addProperty("revision", info.revision());
        module.addProperty("imei", info.imei());
        o.add("module", module);
        JsonArray cs = new JsonArray();
        for (PdpContextState c : contexts) {
            JsonObject j = new JsonObject();
            j.addProperty("contextId", c.contextId());
            j.addProperty("active", c.active());
            j.addProperty("type", c.type().name());
            c.ipv4Address().ifPresent(a -> j.addProperty("ipv4", a));
            c.ipv6Address().ifPresent(a -> j.addProperty("ipv6", a));
            cs.add(j);
        }
        o.add("contexts", cs);
        JsonArray ss = new JsonArray();
        for (SocketState s : sockets) {
            JsonObject j = new JsonObject();
            j.addProperty("connectId", s.connectId());
            j.addProperty("serviceType", s.serviceType().text());
            j.addProperty("address", s.address());
            j.addProperty("remotePort", s.remotePort());
            j.addProperty("localPort", s.localPort());
            j.addProperty("state", s.status().name());
            j.addProperty("contextId", s.contextId());
            j.addProperty("serverId", s.serverId());
            j.addProperty("accessMode", s.accessMode().name());
            j.addProperty("atPort", s.atPort());
            ss.add(j);
        }
        o.add("sockets", ss);
        root.out.println(o);
    }
}
