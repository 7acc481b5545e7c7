package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtCommand;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.TcpIpOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The options in force reach the module at once, after a change, and again on a new modem (a rebooted module). */
class TcpIpApplierTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<String> appliedTo = new CopyOnWriteArrayList<>();
    private final TcpIpApplier applier = new TcpIpApplier(executor, appliedTo::add);
    private SimulatedModem simulated;
    private AtChannel channel;
    private Modem modem;

    @BeforeEach
    void start() throws Exception {
        simulated = SimulatedModem.start("t");
        channel = simulated.channel;
        modem = simulated.modem;
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        modem.close(); // the test may have replaced it
        simulated.close();
    }

    @Test
    void appliesOnceBothAreKnownAndAfterEachChange() throws Exception {
        TcpIpOptions keepalive = TcpIpOptions.DEFAULTS.withKeepalive(new TcpIpOptions.Keepalive(true, 120, 30, 5));
        applier.options(keepalive);
        assertThat(appliedTo).isEmpty();
        applier.modemAvailable(modem, "m");
        await().atMost(WAIT).until(() -> applier.appliedTo().equals("m"));
        assertThat(modem.tcpIpOptions()).isEqualTo(keepalive);

        TcpIpOptions retrans = keepalive.withRetransmission(12, 300);
        applier.options(retrans);
        await().atMost(WAIT).untilAsserted(() -> assertThat(modem.tcpIpOptions()).isEqualTo(retrans));
        assertThat(channel.execute("AT+QICFG=\"tcp/retranscfg\"").texts()).containsExactly("+QICFG: \"tcp/retranscfg\",12,300");
        assertThat(applier.appliedTo()).isEqualTo("m");
    }

    @Test
    void aNewModemGetsTheOptionsAgain() throws Exception {
        TcpIpOptions options = TcpIpOptions.DEFAULTS.withTransparent(1460, 5);
        applier.options(options);
        applier.modemAvailable(modem, "m");
        await().atMost(WAIT).until(() -> applier.appliedTo().equals("m"));

        // the module restarts (its options back to defaults); the old modem goes, a new one comes
        channel.execute("AT+CFUN=1,1");
        applier.modemGone(modem);
        assertThat(applier.appliedTo()).isEmpty();
        modem.close();
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> channel.execute(AtCommand.of("AT").withTimeout(Duration.ofMillis(200))).isOk());
        modem = Modem.open(channel, ModemOptions.defaults().withName("t"));
        assertThat(modem.tcpIpOptions()).isEqualTo(TcpIpOptions.DEFAULTS);
        applier.modemAvailable(modem, "m");
        await().atMost(WAIT).untilAsserted(() -> assertThat(modem.tcpIpOptions()).isEqualTo(options));
        assertThat(appliedTo).containsExactly("m", "", "m");
    }
}
