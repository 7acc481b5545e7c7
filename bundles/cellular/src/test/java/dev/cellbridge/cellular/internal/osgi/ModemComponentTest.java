package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.cellular.ManagedModem;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemState;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The modem component's handling of configurations, activated directly with a fake bundle context. */
class ModemComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeBundleContext bundle = new FakeBundleContext();
    private final ModemComponent component = new ModemComponent();
    private Simulator sim;
    private boolean active;

    @AfterEach
    void stop() {
        if (active) {
            component.deactivate();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Map<String, Object> config(Object... more) throws Exception {
        if (sim == null) {
            sim = Simulator.start(SimulatorOptions.builder().tcpPort(0).build());
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", CellularPids.MODEM);
        properties.put("component.name", CellularPids.MODEM);
        properties.put("component.id", 7L);
        properties.put("link.uri", "tcp://127.0.0.1:" + sim.port());
        for (int i = 0; i < more.length; i += 2) {
            properties.put((String) more[i], more[i + 1]);
        }
        return properties;
    }

    private static boolean keeperThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("cellbridge-modem-") && t.isAlive());
    }

    @Test
    void aBadFirstConfigurationOpensNothingUntilAGoodOneArrivesAndALaterBadOneChangesNothing() throws Exception {
        component.activate(bundle.context(), config("read.chunk", 0));
        active = true;
        FakeBundleContext.Registration managed = bundle.active(ManagedModem.class).get(0);
        assertThat(managed.last()).containsEntry("cellbridge.configurable", true)
                .containsEntry("service.pid", CellularPids.MODEM).containsEntry("modem.state", "GONE")
                .containsEntry("configuration.problem", "attribute 'read.chunk' is 0; allowed: 1–1500 bytes")
                .doesNotContainKeys("component.name", "component.id");
        assertThat(component.status().problem()).isEqualTo("configuration rejected");
        assertThat(keeperThreadRuns()).isFalse();
        assertThat(bundle.all(Modem.class)).isEmpty();

        component.modified(config("kura.service.pid", "modem"));
        await().atMost(WAIT).until(() -> bundle.active(Modem.class).size() == 1);
        FakeBundleContext.Registration modem = bundle.active(Modem.class).get(0);
        assertThat(modem.last()).containsEntry("modem.state", "UP").containsEntry("kura.service.pid", "modem")
                .containsEntry("service.pid", CellularPids.MODEM).doesNotContainKey("cellbridge.configurable");
        await().atMost(WAIT).until(() -> "UP".equals(managed.last().get("modem.state")));
        assertThat(managed.last()).containsEntry("configuration.problem", "");
        assertThat(component.modem()).containsSame((Modem) modem.service);

        component.modified(config("kura.service.pid", "modem", "timeout.qiact", 601));
        await().atMost(WAIT).until(() -> String.valueOf(managed.last().get("configuration.problem"))
                .equals("attribute 'timeout.qiact' is 601; allowed: 1–600 s"));
        assertThat(bundle.all(Modem.class)).containsExactly(modem);
        assertThat(modem.unregistered).isFalse();
        assertThat(((Modem) modem.service).channel().execute("AT").isOk()).isTrue();
        assertThat(component.status().state()).isEqualTo(ModemState.UP);

        component.deactivate();
        active = false;
        assertThat(modem.unregistered).isTrue();
        assertThat(managed.unregistered).isTrue();
        assertThat(keeperThreadRuns()).isFalse();
    }
}
