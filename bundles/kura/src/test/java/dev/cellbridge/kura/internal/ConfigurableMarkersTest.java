package dev.cellbridge.kura.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigurableMarkersTest {

    /** Records registrations as handles 1, 2, ... and what happened to them. */
    static final class RecordingRegistry implements ConfigurableMarkers.Registry<Integer> {
        final Map<Integer, Map<String, Object>> registered = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();
        int next = 1;

        @Override
        public Integer register(Map<String, Object> properties) {
            int handle = next++;
            registered.put(handle, Map.copyOf(properties));
            log.add("register " + handle + " " + properties.get("kura.service.pid"));
            return handle;
        }

        @Override
        public void unregister(Integer handle) {
            Map<String, Object> gone = registered.remove(handle);
            log.add("unregister " + handle + " " + gone.get("kura.service.pid"));
        }
    }

    final RecordingRegistry registry = new RecordingRegistry();
    final ConfigurableMarkers<Integer> markers = new ConfigurableMarkers<>(registry);

    @Test
    void aSingletonGetsAMarkerWithItsPidsAndNothingElse() {
        markers.added(10, Map.of("service.pid", "dev.cellbridge.cellular.modem", "kura.service.pid",
            "dev.cellbridge.cellular.modem", "cellbridge.configurable", true, "modem.name", "modem",
            "objectClass", new String[] {"dev.cellbridge.cellular.Modem"}));

        assertThat(registry.registered).containsOnlyKeys(1);
        assertThat(registry.registered.get(1)).containsExactlyInAnyOrderEntriesOf(Map.of(
            "service.pid", "dev.cellbridge.cellular.modem", "kura.service.pid", "dev.cellbridge.cellular.modem"));
    }

    @Test
    void aFactoryInstanceCarriesItsFactoryPidAndTheNameKuraGaveIt() {
        markers.added(11, Map.of("service.pid", "dev.cellbridge.cellular.context~a1b2",
            "service.factoryPid", "dev.cellbridge.cellular.context", "kura.service.pid", "apn-uninet",
            "cellbridge.configurable", Boolean.TRUE));

        assertThat(registry.registered.get(1)).containsExactlyInAnyOrderEntriesOf(Map.of(
            "service.pid", "dev.cellbridge.cellular.context~a1b2",
            "service.factoryPid", "dev.cellbridge.cellular.context",
            "kura.service.pid", "apn-uninet"));
    }

    @Test
    void withoutKuraServicePidTheServicePidStandsForIt() {
        markers.added(12, Map.of("service.pid", "dev.cellbridge.cli.console"));

        assertThat(registry.registered.get(1)).containsEntry("kura.service.pid", "dev.cellbridge.cli.console")
            .containsEntry("service.pid", "dev.cellbridge.cli.console").doesNotContainKey("service.factoryPid");
    }

    @Test
    void aOneElementPidArrayIsTakenAsItsElement() {
        markers.added(13, Map.of("service.pid", new String[] {"dev.cellbridge.cellular.tcpip"}));

        assertThat(registry.registered.get(1)).containsEntry("service.pid", "dev.cellbridge.cellular.tcpip");
    }

    @Test
    void aServiceKuraCannotKeyGetsNoMarker() {
        markers.added(14, Map.of("cellbridge.configurable", true));
        markers.added(15, Map.of("service.pid", new String[] {"a", "b"}));
        markers.added(16, Map.of("service.pid", 42));
        markers.added(17, Map.of("service.pid", "   "));

        assertThat(registry.log).isEmpty();
        assertThat(markers.listed()).isEmpty();
    }

    @Test
    void theMarkerGoesWithItsService() {
        markers.added(20, Map.of("service.pid", "p", "kura.service.pid", "k"));
        markers.removed(20);

        assertThat(registry.log).containsExactly("register 1 k", "unregister 1 k");
        assertThat(markers.listed()).isEmpty();
    }

    @Test
    void aRemovalOfAnUnknownServiceChangesNothing() {
        markers.added(20, Map.of("service.pid", "p"));
        markers.removed(99);

        assertThat(registry.log).containsExactly("register 1 p");
    }

    @Test
    void servicesSharingAKuraPidShareOneMarkerWithdrawnWithTheLast() {
        markers.added(30, Map.of("service.pid", "p", "kura.service.pid", "k", "objectClass", new String[] {"A"}));
        markers.added(31, Map.of("service.pid", "p", "kura.service.pid", "k", "objectClass", new String[] {"B"}));
        markers.removed(30);

        assertThat(registry.log).containsExactly("register 1 k");
        markers.removed(31);
        assertThat(registry.log).containsExactly("register 1 k", "unregister 1 k");
    }

    @Test
    void aSecondServiceClaimingTheSameKuraPidWithOtherPidsIsNotListedTwice() {
        markers.added(40, Map.of("service.pid", "p1", "kura.service.pid", "k"));
        markers.added(41, Map.of("service.pid", "p2", "kura.service.pid", "k"));

        assertThat(registry.log).containsExactly("register 1 k");
        assertThat(markers.listed().get("k").servicePid()).isEqualTo("p1");
        markers.removed(41);
        assertThat(registry.log).containsExactly("register 1 k");
    }

    @Test
    void aModificationThatKuraWouldNotSeeReplacesTheMarker() {
        markers.added(50, Map.of("service.pid", "ctx~1", "service.factoryPid", "ctx", "kura.service.pid", "old"));
        markers.modified(50, Map.of("service.pid", "ctx~1", "service.factoryPid", "ctx", "kura.service.pid", "new"));

        assertThat(registry.log).containsExactly("register 1 old", "unregister 1 old", "register 2 new");
        assertThat(registry.registered).containsOnlyKeys(2);
        assertThat(registry.registered.get(2)).containsEntry("kura.service.pid", "new");
    }

    @Test
    void aModificationOfOtherPropertiesKeepsTheMarker() {
        markers.added(60, Map.of("service.pid", "modem", "modem.state", "UP"));
        markers.modified(60, Map.of("service.pid", "modem", "modem.state", "UNRESPONSIVE"));

        assertThat(registry.log).containsExactly("register 1 modem");
    }

    @Test
    void aModificationToSomethingKuraCannotKeyWithdrawsTheMarker() {
        markers.added(70, Map.of("service.pid", "p"));
        markers.modified(70, Map.of("service.pid", new String[] {"p", "q"}));

        assertThat(registry.log).containsExactly("register 1 p", "unregister 1 p");
        assertThat(markers.listed()).isEmpty();
    }

    @Test
    void clearWithdrawsEveryMarkerAndForgetsTheServices() {
        markers.added(80, Map.of("service.pid", "a"));
        markers.added(81, Map.of("service.pid", "b"));
        markers.clear();

        assertThat(registry.registered).isEmpty();
        assertThat(markers.listed()).isEmpty();
        markers.removed(80);
        assertThat(registry.log).hasSize(4);
    }

    @Test
    void aRegistrationAlreadyGoneIsNotAnError() {
        ConfigurableMarkers<Integer> failing = new ConfigurableMarkers<>(new ConfigurableMarkers.Registry<>() {
            @Override
            public Integer register(Map<String, Object> properties) {
                return 1;
            }

            @Override
            public void unregister(Integer handle) {
                throw new IllegalStateException("Service already unregistered");
            }
        });
        failing.added(90, Map.of("service.pid", "a"));
        failing.removed(90);

        assertThat(failing.listed()).isEmpty();
    }
}
