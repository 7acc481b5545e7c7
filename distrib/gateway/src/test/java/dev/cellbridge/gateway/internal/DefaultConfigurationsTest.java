package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DefaultConfigurationsTest {

    /** ConfigurationAdmin as a map; some PIDs already configured, one refused. */
    static final class Target implements ConfigurationTarget {
        final Map<String, Map<String, Object>> applied = new HashMap<>();
        final Set<String> existing;
        final String refused;

        Target(Set<String> existing, String refused) {
            this.existing = existing;
            this.refused = refused;
        }

        @Override
        public boolean apply(ConfigId id, Map<String, Object> properties) {
            if (id.pid().equals(refused)) {
                throw new IllegalStateException("refused");
            }
            applied.put(id.pid(), properties);
            return true;
        }

        @Override
        public boolean delete(ConfigId id) {
            throw new AssertionError("defaults never delete");
        }

        @Override
        public boolean configured(ConfigId id) {
            return id instanceof ConfigId.Factory f
                ? existing.stream().anyMatch(pid -> pid.startsWith(f.factoryPid() + "~"))
                : existing.contains(id.pid());
        }
    }

    @Test
    void onTheEmbeddedSimulatorTheModemAContextAndTheConsoleWithItsProbe() {
        List<DefaultConfigurations.Default> defaults = DefaultConfigurations.forModule("tcp://127.0.0.1:7000", true);

        assertThat(defaults).extracting(d -> d.id().pid()).containsExactly("dev.cellbridge.cellular.modem",
            "dev.cellbridge.cellular.context~1", "dev.cellbridge.cli.console");
        assertThat(defaults.get(0).properties()).containsExactlyEntriesOf(Map.of("link.uri", "tcp://127.0.0.1:7000"));
        assertThat(defaults.get(1).id()).isEqualTo(new ConfigId.Factory("dev.cellbridge.cellular.context", "1"));
        assertThat(defaults.get(1).properties()).containsExactlyInAnyOrderEntriesOf(
            Map.of("context.id", 1, "apn", "UNINET", "activate", true));
        assertThat(defaults.get(2).properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
            "probe.host", "220.180.239.212", "probe.port", 8009, "probe.interval", 3, "probe.context", 1));
    }

    @Test
    void onAnotherPortTheModemOnItAndTheConsoleWithoutProbe() {
        List<DefaultConfigurations.Default> defaults = DefaultConfigurations.forModule("/dev/ttyUSB2", false);

        assertThat(defaults).extracting(d -> d.id().pid()).containsExactly("dev.cellbridge.cellular.modem",
            "dev.cellbridge.cli.console");
        assertThat(defaults.get(0).properties()).containsExactlyEntriesOf(Map.of("link.uri", "/dev/ttyUSB2"));
        assertThat(defaults.get(1).properties()).isEmpty();
    }

    @Test
    void onlyWhatIsNotConfiguredIsAppliedAndARefusalStopsNothingElse() {
        Target target = new Target(Set.of("dev.cellbridge.cellular.context~apn-internet"), "dev.cellbridge.cellular.modem");
        List<String> log = new ArrayList<>();

        List<DefaultConfigurations.Default> applied = DefaultConfigurations.applyMissing(
            DefaultConfigurations.forModule("tcp://127.0.0.1:7000", true), target, log::add);

        assertThat(applied).extracting(d -> d.id().pid()).containsExactly("dev.cellbridge.cli.console");
        assertThat(target.applied).containsOnlyKeys("dev.cellbridge.cli.console");
        assertThat(log).containsExactly(
            "cannot apply the default dev.cellbridge.cellular.modem: java.lang.IllegalStateException: refused",
            "factory PID dev.cellbridge.cellular.context is configured; no default",
            "default dev.cellbridge.cli.console {probe.host=220.180.239.212, probe.port=8009, probe.interval=3,"
                + " probe.context=1}");
    }

    @Test
    void theRelayOnTheBrokerWithItsQueueInTheWorkDirectoryAndOnTheSimulatorABridgeToTheEchoServer() {
        List<DefaultConfigurations.Default> simulated =
            DefaultConfigurations.forRelay("tcp://127.0.0.1:41883", "/tmp/work/relay-outbox", true);
        assertThat(simulated).extracting(d -> d.id().pid())
            .containsExactly("dev.cellbridge.relay", "dev.cellbridge.relay.bridge~echo");
        assertThat(simulated.get(0).properties()).containsExactlyInAnyOrderEntriesOf(
            Map.of("broker.url", "tcp://127.0.0.1:41883", "outbox.dir", "/tmp/work/relay-outbox"));
        assertThat(simulated.get(1).id()).isEqualTo(new ConfigId.Factory("dev.cellbridge.relay.bridge", "echo"));
        assertThat(simulated.get(1).properties()).containsExactlyInAnyOrderEntriesOf(Map.of("bridge.name", "echo",
            "service.type", "TCP", "context.id", 1, "remote.host", "220.180.239.212", "remote.port", 8009));

        List<DefaultConfigurations.Default> real =
            DefaultConfigurations.forRelay("ssl://broker.example:8883", "/w/relay-outbox", false);
        assertThat(real).extracting(d -> d.id().pid()).containsExactly("dev.cellbridge.relay");

        Target target = new Target(Set.of("dev.cellbridge.relay.bridge~mine"), null);
        List<String> log = new ArrayList<>();
        DefaultConfigurations.applyMissing(simulated, target, log::add);
        assertThat(target.applied).containsOnlyKeys("dev.cellbridge.relay");
        assertThat(log).contains("factory PID dev.cellbridge.relay.bridge is configured; no default");
    }
}
