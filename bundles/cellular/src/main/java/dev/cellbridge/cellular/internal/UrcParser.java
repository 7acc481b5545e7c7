package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtFields;
import dev.cellbridge.at.Urc;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.ContextType;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.PingLine;

/**
 * Turns the module's TCP/IP URCs into {@link CellularEvent}s. Malformed URCs become
 * {@link CellularEvent.Other} rather than exceptions: a module's bad line must not cost an event.
 */
public final class UrcParser {

    private UrcParser() {
    }

    public static CellularEvent parse(Urc urc) {
        try {
            CellularEvent e = parseStrict(urc);
            return e != null ? e : new CellularEvent.Other(urc.line());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new CellularEvent.Other(urc.line());
        }
    }

    private static CellularEvent parseStrict(Urc urc) {
        String line = urc.line();
        if (line.startsWith("+QIURC:")) {
            AtFields f = AtFields.of(line);
            String kind = f.text(0);
            switch (kind) {
                case "closed":
                    return new CellularEvent.Closed(line, f.number(1));
                case "recv":
                    if (f.size() == 2) {
                        return new CellularEvent.Recv(line, f.number(1), -1, null, null, 0);
                    }
                    if (f.size() == 3) {
                        return new CellularEvent.Recv(line, f.number(1), f.number(2), urc.payload(), null, 0);
                    }
                    return new CellularEvent.Recv(line, f.number(1), f.number(2), urc.payload(), f.text(3), f.number(4));
                case "incoming":
                    return new CellularEvent.Incoming(line, f.number(1), f.number(2), f.text(3), f.number(4));
                case "incoming full":
                    return new CellularEvent.IncomingFull(line, f.size() > 1 ? f.number(1) : -1);
                case "pdpdeact":
                    return new CellularEvent.PdpDeactivated(line, f.number(1));
                default:
                    return null;
            }
        }
        if (line.startsWith("+QIOPEN:")) {
            AtFields f = AtFields.of(line);
            return new CellularEvent.Opened(line, f.number(0), f.number(1));
        }
        if (line.startsWith("+QIACTEX:")) {
            AtFields f = AtFields.of(line);
            int ctx = f.number(0);
            int err = f.number(1);
            PdpContextState state = null;
            if (err == 0 && f.size() >= 4) {
                ContextType type = ContextType.of(f.number(2));
                String v4 = type == ContextType.IPV6 ? null : f.text(3);
                String v6 = type == ContextType.IPV6 ? f.text(3) : f.size() >= 5 ? f.text(4) : null;
                state = new PdpContextState(ctx, true, type, v4, v6);
            }
            return new CellularEvent.ContextActivated(line, ctx, err, state);
        }
        if (line.startsWith("+QIDEACTEX:")) {
            AtFields f = AtFields.of(line);
            return new CellularEvent.ContextDeactivated(line, f.number(0), f.number(1));
        }
        if (line.startsWith("+QPING:")) {
            return new CellularEvent.Ping(line, pingLine(AtFields.of(line)));
        }
        return null;
    }

    static PingLine pingLine(AtFields f) {
        if (f.size() == 5 && f.isQuoted(1)) {
            return new PingLine.Reply(f.number(0), f.text(1), f.number(2), f.number(3), f.number(4));
        }
        if (f.size() == 7) {
            return new PingLine.Summary(f.number(0), f.number(1), f.number(2), f.number(3), f.number(4), f.number(5),
                    f.number(6));
        }
        if (f.size() == 1) {
            // an error alone: a failed request, or the end of a ping that could not run; the caller decides
            return new PingLine.Reply(f.number(0), null, 0, 0, 0);
        }
        throw new IllegalArgumentException("not a +QPING line");
    }
}
