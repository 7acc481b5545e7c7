package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.cellular.ManagedTcpIpOptions;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.TcpIpOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TCP/IP options component with a fake bundle context on a simulated modem. */
class TcpIpComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeBundleContext bundle = new FakeBundleContext();
    private final TcpIpComponent component = new TcpIpComponent();
    private SimulatedModem simulated;
    private Modem modem;

    @BeforeEach
    void start() throws Exception {
        simulated = SimulatedModem.start("t");
        modem = simulated.modem;
    }

    @AfterEach
    void stop() {
        component.deactivate();
        simulated.close();
    }

    private static Map<String, Object> config(Object... attributes) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", CellularPids.TCPIP);
        for (int i = 0; i < attributes.length; i += 2) {
            properties.put((String) attributes[i], attributes[i + 1]);
        }
        return properties;
    }

    @Test
    void optionsInForceReachTheModemAndABadChangeKeepsThem() throws Exception {
        component.activate(bundle.context(), config("tcp.keepalive.probes", 11));
        FakeBundleContext.Registration r = bundle.active(ManagedTcpIpOptions.class).get(0);
        assertThat(r.last()).containsEntry("cellbridge.configurable", true).containsEntry("service.pid", CellularPids.TCPIP)
                .containsEntry("modem.name", "")
                .containsEntry("configuration.problem", "attribute 'tcp.keepalive.probes': QICFG tcp/keepalive probe_cnt 11 is out of range 3–10");
        assertThat(component.options()).isEmpty();

        component.bindModem(modem, Map.of("modem.name", "m"));
        component.modified(config("tcp.keepalive.enable", "true", "tcp.keepalive.probes", "10", "transparent.wait.time", "0"));
        TcpIpOptions expected = TcpIpOptions.DEFAULTS.withKeepalive(new TcpIpOptions.Keepalive(true, 60, 25, 10))
                .withTransparent(1024, 0);
        await().atMost(WAIT).until(() -> "m".equals(r.last().get("modem.name")));
        assertThat(modem.tcpIpOptions()).isEqualTo(expected);
        assertThat(r.last()).containsEntry("configuration.problem", "").containsEntry("tcp.keepalive.probes", "10");
        assertThat(component.appliedTo()).isEqualTo("m");

        component.modified(config("transparent.packet.size", 0));
        assertThat(r.last()).containsEntry("configuration.problem",
                "attribute 'transparent.packet.size': QICFG transpktsize 0 is out of range 1–1460");
        assertThat(component.options()).contains(expected);
        assertThat(modem.tcpIpOptions()).isEqualTo(expected);

        component.unbindModem(modem);
        await().atMost(WAIT).until(() -> "".equals(r.last().get("modem.name")));
    }
}
