package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtFields;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.TcpIpOptions;

/** Reads all fourteen {@code AT+QICFG} options back, one query each. */
final class TcpIpOptionsReader {

    private final Commands commands;

    TcpIpOptionsReader(Commands commands) {
        this.commands = commands;
    }

    TcpIpOptions read() throws CellularException {
        try {
            AtFields keepalive = query("tcp/keepalive");
            return new TcpIpOptions(
                    query("transpktsize").number(1),
                    query("transwaittm").number(1),
                    query("dataformat").number(1) == 1,
                    query("dataformat").number(2) == 1,
                    query("viewmode").number(1),
                    query("tcp/retranscfg").number(1),
                    query("tcp/retranscfg").number(2),
                    query("dns/cache").number(1) == 0, // seed note 4: 0 = enable
                    query("qisend/timeout").number(1),
                    query("passiveclosed").number(1) == 1,
                    query("tcp/accept").number(1) == 1,
                    new TcpIpOptions.Keepalive(keepalive.number(1) == 1, keepalive.number(2), keepalive.number(3),
                            keepalive.number(4)),
                    query("recvind").number(1) == 1,
                    query("close/mode").number(1) == 1,
                    query("sendinfo").number(1) == 1,
                    query("formatcfg").number(1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CellularException("the module reported TCP/IP options cellbridge cannot read: " + e.getMessage(),
                    e);
        }
    }

    private AtFields query(String option) throws CellularException {
        AtResponse r = commands.require("AT+QICFG=\"" + option + "\"");
        String prefix = "+QICFG: \"" + option + "\"";
        return r.lines().stream().filter(l -> l.text().startsWith(prefix)).findFirst()
                .map(l -> AtFields.of(l.text()))
                .orElseThrow(() -> new IllegalArgumentException("no " + prefix + " line"));
    }
}
