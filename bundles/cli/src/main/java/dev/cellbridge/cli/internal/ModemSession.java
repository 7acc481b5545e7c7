package dev.cellbridge.cli.internal;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cli.Cellbridge;
import java.io.PrintStream;

/** The port, channel and modem one CLI command works with; closes all three. */
final class ModemSession implements AutoCloseable {

    private final PortOpener ports = new PortOpener();
    final AtChannel channel;
    final Modem modem;

    ModemSession(String port) {
        AtChannel opened = null;
        try {
            opened = AtChannel.open(ports.open(port), AtChannelOptions.defaults().withName("cli"));
            channel = opened;
            modem = Modem.open(channel, ModemOptions.defaults().withName("cli"));
            modem.initialize(Modem.RECOMMENDED_INIT);
        } catch (CellularException e) {
            opened.close();
            ports.close();
            throw failure("initializing the module", e);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            ports.close();
            throw e;
        }
    }

    /**
     * Makes sure the context is active: configures its APN when one is given, activates it when it
     * is not, and says so on {@code log} (stderr).
     */
    PdpContextState ensureActive(int contextId, String apn, PrintStream log) throws CellularException {
        for (PdpContextState c : modem.contexts()) {
            if (c.contextId() == contextId && c.active()) {
                return c;
            }
        }
        if (apn != null) {
            modem.configureContext(PdpContextConfig.ipv4(contextId, apn));
        }
        modem.activate(contextId);
        PdpContextState state = modem.contexts().stream().filter(c -> c.contextId() == contextId).findFirst()
                .orElseThrow(() -> new CliFailure(Cellbridge.MODULE_ERROR, "context " + contextId
                        + " was activated but AT+QIACT? does not list it"));
        log.println("cellbridge: context " + contextId + " activated (" + state.ipv4Address().orElse("")
                + state.ipv6Address().map(v6 -> " " + v6).orElse("") + ")");
        return state;
    }

    @Override
    public void close() {
        modem.close();
        channel.close();
        ports.close();
    }

    /** Maps a module refusal to exit code 1, anything else (link, timeout) to 3. */
    static CliFailure failure(String what, CellularException e) {
        boolean refused = e.error().isPresent() || e.getCause() == null;
        return new CliFailure(refused ? Cellbridge.MODULE_ERROR : Cellbridge.LINK_FAILURE,
                what + ": " + e.getMessage(), e);
    }
}
