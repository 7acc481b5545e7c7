package dev.cellbridge.cellular.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.ServiceType;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.cellular.SocketState;
import dev.cellbridge.cellular.SocketStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TCP clients in each access mode through the simulator to a loopback echo server, byte for byte. */
class TcpClientSocketTest {

    private LoopbackPeers.TcpEcho echo;
    private SimulatedModem m;

    @BeforeEach
    void start() throws Exception {
        echo = new LoopbackPeers.TcpEcho();
        m = SimulatedModem.start(echo.port());
    }

    @AfterEach
    void stop() throws Exception {
        m.close();
        echo.close();
    }

    @ParameterizedTest
    @EnumSource(AccessMode.class)
    void oneMebibyteEachWayArrivesByteForByte(AccessMode mode) throws Exception {
        ModemSocket s = m.open(SocketSpec.tcp(1, SimulatedModem.REMOTE, SimulatedModem.REMOTE_PORT)
                .withAccessMode(mode));
        assertThat(s.connectId()).isZero();
        assertThat(s.serviceType()).isEqualTo(ServiceType.TCP);
        assertThat(s.accessMode()).isEqualTo(mode);

        byte[] data = Transfers.random(1024 * 1024, mode.ordinal());
        byte[] back = Transfers.echo(s, data, 7);

        assertThat(back).isEqualTo(data);
    }
}
