package dev.cellbridge.cellular;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the module reported unasked, parsed from its URCs. Each event keeps the raw {@link #line()}.
 * The names follow the relay's topics: CLOSED, RECV, INCOMING, INCOMING_FULL, PDPDEACT, QIOPEN,
 * QIACTEX, QIDEACTEX, QPING, OTHER.
 */
public sealed interface CellularEvent {

    /** The URC line as the module sent it. */
    String line();

    /** The topic name of this kind of event. */
    String name();

    /** {@code +QIURC: "closed",<connectID>}: the peer or the network closed the connection. */
    record Closed(String line, int connectId) implements CellularEvent {
        @Override
        public String name() {
            return "CLOSED";
        }
    }

    /**
     * {@code +QIURC: "recv",...}: data arrived. In buffer mode {@code data} is null (read it with QIRD)
     * and {@code length} is given only with recvind (else -1); in direct push the data is here, with
     * the remote address for a UDP SERVICE.
     */
    record Recv(String line, int connectId, int length, byte[] data, String remoteIp, int remotePort)
            implements CellularEvent {
        @Override
        public String name() {
            return "RECV";
        }

        public boolean pushed() {
            return data != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Recv r && line.equals(r.line) && connectId == r.connectId && length == r.length
                    && Arrays.equals(data, r.data) && java.util.Objects.equals(remoteIp, r.remoteIp)
                    && remotePort == r.remotePort;
        }

        @Override
        public int hashCode() {
            return line.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Recv[" + line + (data == null ? "" : ", " + data.length + " bytes") + "]";
        }
    }

    /** {@code +QIURC: "incoming",<connectID>,<serverID>,<remoteIP>,<remote_port>}. */
    record Incoming(String line, int connectId, int serverId, String remoteIp, int remotePort)
            implements CellularEvent {
        @Override
        public String name() {
            return "INCOMING";
        }
    }

    /** {@code +QIURC: "incoming full"[,<serverID>]}; serverId -1 when the module did not say (seed note 7). */
    record IncomingFull(String line, int serverId) implements CellularEvent {
        @Override
        public String name() {
            return "INCOMING_FULL";
        }
    }

    /** {@code +QIURC: "pdpdeact",<contextID>}: the network deactivated the context. */
    record PdpDeactivated(String line, int contextId) implements CellularEvent {
        @Override
        public String name() {
            return "PDPDEACT";
        }
    }

    /** {@code +QIOPEN: <connectID>,<err>}: how an open in buffer or direct-push mode ended. */
    record Opened(String line, int connectId, int error) implements CellularEvent {
        @Override
        public String name() {
            return "QIOPEN";
        }

        public boolean succeeded() {
            return error == 0;
        }

        public Optional<QuectelError> quectelError() {
            return QuectelError.of(error);
        }
    }

    /** {@code +QIACTEX: <contextID>,<err>[,<type>,<IPv4>[,<IPv6>]]}: an asynchronous activation ended. */
    record ContextActivated(String line, int contextId, int error, PdpContextState state) implements CellularEvent {
        @Override
        public String name() {
            return "QIACTEX";
        }

        public boolean succeeded() {
            return error == 0;
        }
    }

    /** {@code +QIDEACTEX: <contextID>,<err>}: an asynchronous deactivation ended. */
    record ContextDeactivated(String line, int contextId, int error) implements CellularEvent {
        @Override
        public String name() {
            return "QIDEACTEX";
        }

        public boolean succeeded() {
            return error == 0;
        }
    }

    /** A {@code +QPING:} line: one reply (or failed request) or the summary. */
    record Ping(String line, PingLine ping) implements CellularEvent {
        @Override
        public String name() {
            return "QPING";
        }
    }

    /** Any other URC. */
    record Other(String line) implements CellularEvent {
        @Override
        public String name() {
            return "OTHER";
        }
    }
}
