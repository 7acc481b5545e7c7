package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.at.AtTimeouts;
import dev.cellbridge.at.ChannelEvent;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AT+QICSGP carries the context's password: it reaches the module exactly and no message shows it. */
class ContextPasswordTest {

    private static final String PASSWORD = "pa55-w0rd";
    private static final PdpContextConfig CONFIG =
            new PdpContextConfig(2, ContextType.IPV4, "UNINET", "user", PASSWORD, Authentication.PAP);

    private Simulator simulator;
    private AtChannel channel;
    private Modem modem;
    private final List<ChannelEvent> channelEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(SimulatorOptions.builder().tcpPort(0).build());
        channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + simulator.port()), AtChannelOptions.defaults()
                .withName("pw").withTimeouts(AtTimeouts.defaults().with("QICSGP", Duration.ofMillis(300))));
        channel.addListener(channelEvents::add);
        modem = Modem.open(channel, ModemOptions.defaults().withName("pw"));
    }

    @AfterEach
    void stop() {
        modem.close();
        channel.close();
        simulator.close();
    }

    @Test
    void aTimedOutConfigurationNeverShowsThePassword() throws Exception {
        simulator.dropNextResponse();
        assertThatThrownBy(() -> modem.configureContext(CONFIG)).isInstanceOf(CellularException.class)
                .hasMessageContaining("AT+QICSGP=2,1,\"UNINET\",\"user\",\"****\",1")
                .hasMessageNotContaining(PASSWORD);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> channelEvents.stream().anyMatch(e -> e instanceof ChannelEvent.CommandTimedOut));
        assertThat(channelEvents.toString()).doesNotContain(PASSWORD);
        // the module got the password as it is
        assertThat(modem.contextConfig(2)).isEqualTo(CONFIG);
    }
}
