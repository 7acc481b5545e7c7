package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.PasswordDecoder;
import dev.cellbridge.cellular.PdpContextState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Context components activated directly (fake bundle context, shared claims) on a simulated modem. */
class ContextComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeBundleContext bundle = new FakeBundleContext();
    private final ContextClaims claims = new ContextClaims();
    private SimulatedModem simulated;
    private Modem modem;
    private final java.util.List<ContextComponent> active = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulated = SimulatedModem.start("c");
        modem = simulated.modem;
    }

    @AfterEach
    void stop() {
        active.forEach(ContextComponent::deactivate);
        simulated.close();
    }

    private ContextComponent component(String pid, PasswordDecoder decoder, Object... attributes) {
        ContextComponent c = new ContextComponent();
        c.bindClaims(claims);
        if (decoder != null) {
            c.bindDecoder(decoder);
        }
        c.bindModem(modem, Map.of("modem.name", "m"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", pid);
        properties.put("service.factoryPid", CellularPids.CONTEXT);
        properties.put("reactivate.delay.initial", 1);
        for (int i = 0; i < attributes.length; i += 2) {
            properties.put((String) attributes[i], attributes[i + 1]);
        }
        c.activate(bundle.context(), properties);
        active.add(c);
        return c;
    }

    private FakeBundleContext.Registration registrationOf(String pid) {
        return bundle.all(ManagedPdpContext.class).stream().filter(r -> pid.equals(r.last().get("service.pid")))
                .findFirst().orElseThrow();
    }

    private void awaitState(String pid, String state) {
        await().atMost(WAIT).until(() -> state.equals(registrationOf(pid).last().get("context.state")));
    }

    @Test
    void thePasswordIsDecodedAndNeverPublished() throws Exception {
        PasswordDecoder decoder = stored -> stored.replace("ENC:", "");
        ContextComponent c = component("ctx.a", decoder, "context.id", 1, "apn", "UNINET", "username", "u",
                "password", "ENC:pw1", "authentication", "pap");
        awaitState("ctx.a", "ACTIVE");
        assertThat(modem.contextConfig(1).password()).isEqualTo("pw1");
        FakeBundleContext.Registration r = registrationOf("ctx.a");
        for (Map<String, Object> properties : r.properties) {
            assertThat(properties).doesNotContainKey("password");
            assertThat(properties.values()).noneMatch(v -> String.valueOf(v).contains("pw1"));
        }
        assertThat(r.last()).containsEntry("context.id", 1).containsEntry("modem.name", "m")
                .containsEntry("context.ipv4", "10.7.157.1").containsEntry("cellbridge.configurable", true)
                .containsEntry("service.factoryPid", CellularPids.CONTEXT).containsEntry("configuration.problem", "");

        // without the decoder the stored value is the password: the context is configured again with it
        c.unbindDecoder(decoder);
        await().atMost(WAIT).until(() -> modem.contextConfig(1).password().equals("ENC:pw1")
                && c.status().state() == ManagedPdpContext.State.ACTIVE);
    }

    @Test
    void aSecondConfigurationOfTheSameContextWaitsForTheFirstToGo() throws Exception {
        ContextComponent first = component("ctx.a", null, "context.id", 2, "apn", "first");
        awaitState("ctx.a", "ACTIVE");
        ContextComponent second = component("ctx.b", null, "context.id", 2, "apn", "second");
        awaitState("ctx.b", "FAILED");
        assertThat(second.status().problem()).isEqualTo("context 2 on modem m is managed by configuration ctx.a");
        assertThat(modem.contextConfig(2).apn()).isEqualTo("first");

        first.deactivate();
        active.remove(first);
        assertThat(registrationOf("ctx.a").unregistered).isTrue();
        awaitState("ctx.b", "ACTIVE");
        assertThat(modem.contextConfig(2).apn()).isEqualTo("second");
        assertThat(modem.contexts()).extracting(PdpContextState::contextId).containsExactly(2);
    }

    /**
     * A configuration moved onto a context ID another one manages is refused before it touches the module: the
     * other's QICSGP settings and activation stay, and the context it managed before is deactivated.
     */
    @Test
    void aConfigurationMovedOntoAManagedContextIdLeavesThatContextAlone() throws Exception {
        component("ctx.a", null, "context.id", 1, "apn", "first");
        ContextComponent second = component("ctx.b", null, "context.id", 2, "apn", "second");
        awaitState("ctx.a", "ACTIVE");
        awaitState("ctx.b", "ACTIVE");

        second.modified(new HashMap<>(Map.of("service.pid", "ctx.b", "context.id", 1, "apn", "second",
                "reactivate.delay.initial", 1)));
        awaitState("ctx.b", "FAILED");
        assertThat(second.status().problem()).isEqualTo("context 1 on modem m is managed by configuration ctx.a");
        await().atMost(WAIT).until(() -> modem.contexts().stream().map(PdpContextState::contextId).toList()
                .equals(java.util.List.of(1)));
        assertThat(modem.contextConfig(1).apn()).isEqualTo("first");
        assertThat(registrationOf("ctx.b").properties).noneSatisfy(p -> assertThat(p)
                .containsEntry("context.id", 1).containsEntry("context.state", "ACTIVE"));
        assertThat(registrationOf("ctx.a").last()).containsEntry("context.state", "ACTIVE");
    }

    /** A rejected first configuration sends nothing; the good one that follows is applied on the bound modem. */
    @Test
    void aGoodConfigurationAfterARejectedFirstOneActivatesTheContext() throws Exception {
        ContextComponent c = component("ctx.a", null, "context.id", 9, "apn", "UNINET");
        assertThat(registrationOf("ctx.a").last()).containsEntry("configuration.problem",
                "attribute 'context.id' is 9; allowed: 1–5");
        assertThat(modem.contexts()).isEmpty();
        c.modified(new HashMap<>(Map.of("service.pid", "ctx.a", "context.id", 4, "apn", "UNINET")));
        awaitState("ctx.a", "ACTIVE");
        assertThat(registrationOf("ctx.a").last()).containsEntry("configuration.problem", "")
                .containsEntry("context.id", 4).containsEntry("modem.name", "m");
        assertThat(modem.contextConfig(4).apn()).isEqualTo("UNINET");
    }

    @Test
    void aBadChangeKeepsTheContextAsItIs() throws Exception {
        ContextComponent c = component("ctx.a", null, "context.id", 3, "apn", "UNINET");
        awaitState("ctx.a", "ACTIVE");
        Map<String, Object> bad = new HashMap<>(Map.of("service.pid", "ctx.a", "context.id", 3, "apn", "UNINET",
                "dns.secondary", "8.8.4.4"));
        c.modified(bad);
        assertThat(registrationOf("ctx.a").last()).containsEntry("configuration.problem",
                "attribute 'dns.secondary' is '8.8.4.4'; allowed: empty while dns.primary is")
                .containsEntry("context.state", "ACTIVE");
        assertThat(c.status().state()).isEqualTo(ManagedPdpContext.State.ACTIVE);
        c.deactivate();
        active.remove(c);
        assertThat(modem.contexts()).isEmpty();
    }
}
