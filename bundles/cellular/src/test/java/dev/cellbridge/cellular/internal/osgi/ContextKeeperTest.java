package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.at.AtTimeouts;
import dev.cellbridge.cellular.Authentication;
import dev.cellbridge.cellular.CellularException;
import dev.cellbridge.cellular.ContextType;
import dev.cellbridge.cellular.DnsServers;
import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.ManagedPdpContext.State;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.PdpContextState;
import dev.cellbridge.simulator.Simulator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The context keeper against the in-process simulator, with millisecond waits between attempts. */
class ContextKeeperTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PdpContextConfig UNINET =
            new PdpContextConfig(1, ContextType.IPV4, "UNINET", "user", "secret", Authentication.PAP);

    /** Every delay the keeper schedules something with, in milliseconds. */
    private final List<Long> scheduled = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.add(unit.toMillis(delay));
            return super.schedule(command, delay, unit);
        }
    };
    private final List<ManagedPdpContext.Status> statuses = new CopyOnWriteArrayList<>();
    private SimulatedModem simulated;
    private Simulator sim;
    private Modem modem;
    private ContextKeeper keeper;
    private final ContextClaims claims = new ContextClaims();

    @BeforeEach
    void start() throws Exception {
        simulated = SimulatedModem.start("ctx",
                AtTimeouts.defaults().withDefault(Duration.ofMillis(500)).with("QIACT", Duration.ofMillis(500)));
        sim = simulated.sim;
        modem = simulated.modem;
        keeper = new ContextKeeper("test-pid", 1, executor, Duration.ofSeconds(5), statuses::add, claims,
                claimant("test-pid", () -> keeper.reclaim()));
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        simulated.close();
    }

    /**
     * The modem, except that the module refuses every AT+QICSGP write. The driver and the simulator take the same
     * texts, so no configuration the driver accepts is refused by the simulator. The message quotes the line with
     * its password, as a layer that does not mask it would: the keeper must hide it itself.
     */
    private static Modem refusingConfiguration(Modem modem) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "configureContext" -> throw new CellularException(((PdpContextConfig) args[0]).command()
                        + " answered ERROR", (Throwable) null);
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    try {
                        return method.invoke(modem, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        };
        return (Modem) Proxy.newProxyInstance(Modem.class.getClassLoader(), new Class<?>[] {Modem.class}, handler);
    }

    private static ContextClaims.Claimant claimant(String pid, Runnable onChange) {
        return new ContextClaims.Claimant() {
            @Override
            public String pid() {
                return pid;
            }

            @Override
            public void claimsChanged() {
                onChange.run();
            }
        };
    }

    private static ContextPlan plan(PdpContextConfig config, boolean activate, boolean reactivate) {
        return new ContextPlan(config, "", "", activate, reactivate, Duration.ofMillis(20), Duration.ofMillis(80));
    }

    private void awaitState(State state) {
        await().atMost(WAIT).until(() -> keeper.status().state() == state);
    }

    private List<PdpContextState> active() throws Exception {
        return modem.contexts();
    }

    @Test
    void configuresThenActivatesAndReportsTheAddress() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        assertThat(keeper.status()).isEqualTo(new ManagedPdpContext.Status("m", 1, State.ACTIVE, "10.7.157.1", "", ""));
        assertThat(modem.contextConfig(1)).isEqualTo(UNINET);
        assertThat(active()).extracting(PdpContextState::contextId).containsExactly(1);
        assertThat(statuses).extracting(ManagedPdpContext.Status::state)
                .containsExactly(State.ACTIVATING, State.ACTIVE);
        assertThat(statuses.toString()).doesNotContain("secret");
    }

    @Test
    void withoutAModemNothingHappensUntilOneComes() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        await().atMost(WAIT).until(() -> keeper.status().problem().equals("no modem"));
        assertThat(keeper.status().state()).isEqualTo(State.INACTIVE);
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        keeper.modemGone(modem);
        awaitState(State.INACTIVE);
        assertThat(keeper.status().modemName()).isEmpty();
    }

    @Test
    void dnsServersAreSetAfterActivation() throws Exception {
        keeper.configure(new ContextPlan(UNINET, "8.8.8.8", "1.1.1.1", true, true, Duration.ofMillis(20),
                Duration.ofMillis(80)));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        assertThat(modem.dnsServers(1)).isEqualTo(new DnsServers(1, "8.8.8.8", "1.1.1.1"));
    }

    @Test
    void aContextTheNetworkDeactivatedIsActivatedAgain() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        sim.pdpDeact(1);
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(s -> s.state() == State.REACTIVATING));
        awaitState(State.ACTIVE);
        assertThat(active()).extracting(PdpContextState::contextId).containsExactly(1);
        assertThat(statuses).extracting(ManagedPdpContext.Status::state)
                .containsSubsequence(State.ACTIVE, State.REACTIVATING, State.ACTIVE);
        assertThat(statuses).anySatisfy(s -> assertThat(s.problem()).isEqualTo("deactivated by the network"));

        sim.pdpDeact(1); // and again: the wait starts over after a success
        await().atMost(WAIT).until(() -> statuses.stream().filter(s -> s.state() == State.REACTIVATING).count() == 2);
        awaitState(State.ACTIVE);
    }

    @Test
    void withoutReactivationAContextTheNetworkDeactivatedStaysInactive() throws Exception {
        keeper.configure(plan(UNINET, true, false));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        sim.pdpDeact(1);
        awaitState(State.INACTIVE);
        assertThat(keeper.status().problem()).isEqualTo("deactivated by the network");
        Thread.sleep(100); // more than the 20-80 ms a retry would wait
        assertThat(active()).isEmpty();
        assertThat(keeper.status().state()).isEqualTo(State.INACTIVE);
    }

    @Test
    void aFailedActivationIsTriedAgain() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        sim.dropNextResponse(); // the first command's answer (AT+QIACT?) never comes
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        assertThat(statuses).extracting(ManagedPdpContext.Status::state)
                .containsSubsequence(State.REACTIVATING, State.ACTIVE);
        assertThat(statuses).anySatisfy(s -> assertThat(s.problem()).startsWith("configuring or activating context 1 failed"));
        assertThat(modem.contextConfig(1)).isEqualTo(UNINET);
    }

    /**
     * No +QIACTEX within the keeper's activation timeout: the keeper cancels the modem's activation stage, which
     * frees the modem's pending activation of the context (a retry would otherwise be "already being activated").
     */
    @Test
    void anActivationWithoutAnswerIsCancelledWhenItTimesOut() throws Exception {
        CompletableFuture<PdpContextState> unanswered = new CompletableFuture<>();
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "activateAsync" -> unanswered;
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> {
                try {
                    yield method.invoke(modem, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        Modem silent = (Modem) Proxy.newProxyInstance(Modem.class.getClassLoader(), new Class<?>[] {Modem.class},
                handler);
        ContextKeeper impatient = new ContextKeeper("impatient-pid", 1, executor, Duration.ofMillis(100),
                statuses::add, claims, claimant("impatient-pid", () -> { }));
        impatient.configure(plan(UNINET, true, false));
        impatient.modemAvailable(silent, "m");
        await().atMost(WAIT).until(() -> impatient.status().state() == State.FAILED);
        assertThat(unanswered).isCancelled();
        assertThat(impatient.status().problem()).contains("no +QIACTEX for context 1");
    }

    /** The module refuses AT+QICSGP: the problem never shows the password. */
    @Test
    void aRefusedConfigurationIsReportedWithoutThePassword() throws Exception {
        keeper.configure(plan(UNINET, true, false));
        keeper.modemAvailable(refusingConfiguration(modem), "m");
        awaitState(State.FAILED);
        assertThat(keeper.status().problem()).contains("AT+QICSGP=1,1,").contains("\"****\"")
                .doesNotContain("secret");
        assertThat(statuses.toString()).doesNotContain("secret");
    }

    /** Already active as planned when the keeper first sees the modem: adopted as it is, nothing sent again. */
    @Test
    void aContextActiveAsPlannedIsAdopted() throws Exception {
        modem.configureContext(UNINET);
        modem.activate(1);
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        assertThat(statuses).extracting(ManagedPdpContext.Status::state).containsExactly(State.ACTIVE);
    }

    /**
     * Already active with other settings (the APN changed while the gateway was down): QICSGP alone would not
     * change the live context, so it is deactivated, configured and activated again.
     */
    @Test
    void aContextActiveWithOtherSettingsIsActivatedAgainWithThePlannedOnes() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(1, "old"));
        modem.activate(1);
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        assertThat(modem.contextConfig(1)).isEqualTo(UNINET);
        assertThat(statuses).extracting(ManagedPdpContext.Status::state)
                .containsExactly(State.ACTIVATING, State.ACTIVE);
    }

    /** A lower longest wait applies to the next wait, even when the waits had grown beyond it. */
    @Test
    void aLowerLongestWaitCapsTheNextWait() throws Exception {
        PdpContextConfig refused = UNINET;
        keeper.configure(new ContextPlan(refused, "", "", true, true, Duration.ofMillis(100), Duration.ofSeconds(60)));
        keeper.modemAvailable(refusingConfiguration(modem), "m");
        await().atMost(WAIT).until(() -> scheduled.size() >= 3); // 100, 200, 400 ms
        keeper.configure(new ContextPlan(refused, "", "", true, true, Duration.ofMillis(100), Duration.ofMillis(150)));
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS); // the new plan was taken: its first wait is the last one
        int firstNew = scheduled.size() - 1;
        await().atMost(WAIT).until(() -> scheduled.size() > firstNew + 1);
        assertThat(scheduled.subList(firstNew, scheduled.size())).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(150));
    }

    @Test
    void aFailureWithoutReactivationIsFinal() throws Exception {
        keeper.configure(plan(UNINET, true, false));
        sim.dropNextResponse();
        keeper.modemAvailable(modem, "m");
        awaitState(State.FAILED);
        Thread.sleep(100);
        assertThat(keeper.status().state()).isEqualTo(State.FAILED);
        assertThat(active()).isEmpty();
    }

    @Test
    void newSettingsForAnActiveContextReactivateIt() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        PdpContextConfig internet = PdpContextConfig.ipv4(1, "internet");
        keeper.configure(plan(internet, true, true));
        await().atMost(WAIT).until(() -> modem.contextConfig(1).equals(internet) && keeper.status().state() == State.ACTIVE);
        assertThat(active()).extracting(PdpContextState::contextId).containsExactly(1);

        keeper.configure(plan(internet, false, true));
        awaitState(State.INACTIVE);
        assertThat(active()).isEmpty();
        assertThat(keeper.status().problem()).isEqualTo("activation is off");
    }

    @Test
    void newDnsServersApplyAtOnceAndAnotherContextIdMovesTheContext() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        keeper.configure(new ContextPlan(UNINET, "9.9.9.9", "", true, true, Duration.ofMillis(20), Duration.ofMillis(80)));
        await().atMost(WAIT).until(() -> modem.dnsServers(1).primary().equals("9.9.9.9"));
        assertThat(active()).extracting(PdpContextState::contextId).containsExactly(1);

        PdpContextConfig two = PdpContextConfig.ipv4(2, "UNINET");
        keeper.configure(plan(two, true, true));
        await().atMost(WAIT).until(() -> keeper.status().contextId() == 2 && keeper.status().state() == State.ACTIVE);
        assertThat(active()).extracting(PdpContextState::contextId).containsExactly(2);
        assertThat(modem.contextConfig(2)).isEqualTo(two);
    }

    @Test
    void releaseDeactivatesTheContext() throws Exception {
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.ACTIVE);
        keeper.release().get(5, TimeUnit.SECONDS);
        assertThat(active()).isEmpty();
        assertThat(keeper.status().state()).isEqualTo(State.INACTIVE);
    }

    @Test
    void aBlockedKeeperLeavesTheContextAlone() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(1, "other"));
        modem.activate(1);
        ContextClaims.Claimant other = claimant("other-pid", () -> { });
        assertThat(claims.claim("m", 1, other)).isEmpty();
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.FAILED);
        assertThat(keeper.status().problem()).isEqualTo("context 1 on modem m is managed by configuration other-pid");
        keeper.release().get(5, TimeUnit.SECONDS);
        assertThat(active()).extracting(PdpContextState::contextId).containsExactly(1);
        assertThat(modem.contextConfig(1).apn()).isEqualTo("other");
    }

    @Test
    void aRefusedKeeperTakesTheContextOverOnceItsOwnerReleasedIt() throws Exception {
        ContextClaims.Claimant other = claimant("other-pid", () -> { });
        assertThat(claims.claim("m", 1, other)).isEmpty();
        keeper.configure(plan(UNINET, true, true));
        keeper.modemAvailable(modem, "m");
        awaitState(State.FAILED);
        assertThat(active()).isEmpty();
        claims.release(other);
        awaitState(State.ACTIVE);
        assertThat(modem.contextConfig(1)).isEqualTo(UNINET);
    }
}
