package dev.cellbridge.cellular.internal;

import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;

/**
 * The modem's sockets: connectID allocation, opening, and routing of socket URCs to their sockets.
 * (Work in progress: the socket layer lands in its own commits.)
 */
final class SocketRegistry {

    private final Commands commands;
    private final ModemOptions options;

    SocketRegistry(Commands commands, ModemOptions options) {
        this.commands = commands;
        this.options = options;
    }

    /** Opens a socket service on a free connectID and waits until it is open. */
    ModemSocket open(SocketSpec spec) throws CellularException {
        throw new UnsupportedOperationException("sockets are not implemented yet (" + spec + ", " + options.name()
                + ", " + commands + ")");
    }

    /** Called on the channel's dispatcher thread for every event; must not block. */
    void onEvent(CellularEvent event) {
    }

    /** The network deactivated a context: its sockets are gone. */
    void contextLost(int contextId) {
    }

    /** The modem is closing. */
    void close() {
    }
}
