package dev.cellbridge.cellular.internal;

import dev.cellbridge.at.AtFields;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Authentication;
import dev.cellbridge.cellular.ContextType;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketState;
import dev.cellbridge.cellular.SocketStatus;

/** Parsers for the answers of query commands. Each throws IllegalArgumentException naming the line. */
public final class Parsers {

    private Parsers() {
    }

    /** {@code +QISTATE: <connectID>,<service_type>,<IP_address>,<remote_port>,<local_port>,<socket_state>,...}. */
    public static SocketState socketState(String line) {
        try {
            AtFields f = AtFields.of(line);
            if (f.size() < 10) {
                throw new IllegalArgumentException("10 fields expected, got " + f.size());
            }
            return new SocketState(f.number(0), ServiceType.of(f.text(1)), f.text(2), f.number(3), f.number(4),
                    SocketStatus.of(f.number(5)), f.number(6), f.number(7), AccessMode.of(f.number(8)), f.text(9));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed +QISTATE line \"" + line + "\": " + e.getMessage(), e);
        }
    }

    /** {@code +QIACT: <contextID>,<context_state>,<context_type>,<IPv4>[,<IPv6>]} (also {@code +QIACTEX:}). */
    public static PdpContextState contextState(String line) {
        try {
            AtFields f = AtFields.of(line);
            ContextType type = ContextType.of(f.number(2));
            String v4 = null;
            String v6 = null;
            if (type == ContextType.IPV6) {
                v6 = f.size() > 3 ? f.text(3) : null;
            } else {
                v4 = f.size() > 3 ? f.text(3) : null;
                v6 = type == ContextType.IPV4V6 && f.size() > 4 ? f.text(4) : null;
            }
            return new PdpContextState(f.number(0), f.number(1) == 1, type, v4, v6);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed context line \"" + line + "\": " + e.getMessage(), e);
        }
    }

    /** {@code +QICSGP: <context_type>,<APN>,<username>,<password>,<authentication>} for a given context. */
    public static PdpContextConfig contextConfig(int contextId, String line) {
        try {
            AtFields f = AtFields.of(line);
            return new PdpContextConfig(contextId, ContextType.of(f.number(0)), f.text(1), f.text(2), f.text(3),
                    Authentication.of(f.number(4)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed +QICSGP line \"" + line + "\": " + e.getMessage(), e);
        }
    }
}
