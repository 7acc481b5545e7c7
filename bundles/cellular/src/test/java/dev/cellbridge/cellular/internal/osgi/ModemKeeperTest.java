package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.at.AtCommand;
import dev.cellbridge.at.AtTimeoutException;
import dev.cellbridge.cellular.ManagedModem;
import dev.cellbridge.cellular.ModemState;
import dev.cellbridge.serial.SerialLink;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The modem keeper against the in-process simulator, without a framework. */
class ModemKeeperTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<ManagedModem.Status> statuses = new CopyOnWriteArrayList<>();
    private Simulator sim;
    private ModemKeeper keeper;

    @AfterEach
    void stop() {
        if (keeper != null) {
            keeper.stop();
            assertThat(keeper.thread().isAlive()).isFalse();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private String startSimulator() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().tcpPort(0).build());
        return "tcp://127.0.0.1:" + sim.port();
    }

    /** The configuration with quick reopening, a quick watchdog, and the reboot at once. */
    private static ModemSettings settings(String uri, Map<String, Object> more) {
        return settings(uri, more, Duration.ZERO);
    }

    private static ModemSettings settings(String uri, Map<String, Object> more, Duration firstReboot) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("modem.name", "test");
        properties.put("link.uri", uri);
        ModemSettings s = ModemSettings.from(properties);
        return new ModemSettings(s.name(), s.linkUri(), s.linkName(), s.init(), s.timeouts(), s.modemOptions(),
                s.watchdog(), Duration.ofMillis(50), s.rebootFailures(), List.of(firstReboot), s.rebootDelayMax(),
                s.rebootCommand(), Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private void start(ModemSettings settings) {
        keeper = new ModemKeeper(settings, Map.of("service.pid", CellularPids.MODEM), publisher,
                (s, stopped) -> SerialLinks.open(s.linkUri()), statuses::add, Clock.systemUTC());
        keeper.start();
    }

    private RecordingPublisher.Publication awaitPublished(int count) {
        await().atMost(WAIT).until(() -> publisher.publications.size() == count && publisher.active().size() == 1);
        return publisher.publications.get(count - 1);
    }

    @Test
    void publishesTheModemOnceTheInitCommandsRanAndWithdrawsItOnStop() throws Exception {
        String uri = startSimulator();
        start(settings(uri, Map.of("init.commands", new String[] {"ATE0", "AT+CMEE=2"})));
        RecordingPublisher.Publication p = awaitPublished(1);
        assertThat(p.last()).containsEntry("modem.name", "test").containsEntry("link.uri", uri)
                .containsEntry("modem.state", "UP").containsEntry("service.pid", CellularPids.MODEM);
        assertThat(p.modem.channel().execute("AT+CMEE?").texts()).containsExactly("+CMEE: 2");
        assertThat(keeper.status()).isEqualTo(new ManagedModem.Status("test", uri, ModemState.UP, ""));
        assertThat(keeper.modem()).containsSame(p.modem);

        keeper.stop();
        assertThat(p.withdrawn).isTrue();
        assertThat(keeper.thread().isAlive()).isFalse();
        assertThat(keeper.status().state()).isEqualTo(ModemState.GONE);
        assertThat(keeper.modem()).isEmpty();
        assertThat(p.modem.channel().isOpen()).isFalse();
    }

    @Test
    void aLostLinkIsWithdrawnAndReopened() throws Exception {
        String uri = startSimulator();
        start(settings(uri, Map.of()));
        RecordingPublisher.Publication first = awaitPublished(1);
        sim.unplug();
        RecordingPublisher.Publication second = awaitPublished(2);
        assertThat(first.withdrawn).isTrue();
        assertThat(second.modem).isNotSameAs(first.modem);
        assertThat(second.modem.channel().execute("AT").isOk()).isTrue();
        assertThat(statuses).anySatisfy(s -> {
            assertThat(s.state()).isEqualTo(ModemState.GONE);
            assertThat(s.problem()).startsWith("link lost");
        });
        assertThat(statuses.get(statuses.size() - 1).state()).isEqualTo(ModemState.UP);
    }

    @Test
    void anUnreachableLinkIsRetriedAndReportedOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        start(settings("tcp://127.0.0.1:" + port, Map.of()));
        await().atMost(WAIT).until(() -> keeper.status().state() == ModemState.GONE
                && keeper.status().problem().contains(Integer.toString(port)));
        Thread.sleep(300); // several retries at 50-200 ms
        assertThat(publisher.publications).isEmpty();
        assertThat(statuses.stream().filter(s -> s.problem().contains(Integer.toString(port)))).hasSize(1);
    }

    @Test
    void aRefusedInitCommandKeepsTheModemUnpublishedUntilAGoodConfigurationArrives() throws Exception {
        String uri = startSimulator();
        start(settings(uri, Map.of("init.commands", "AT+QISDE=7")));
        await().atMost(WAIT).until(() -> keeper.status().problem().contains("AT+QISDE=7"));
        assertThat(publisher.publications).isEmpty();
        keeper.update(settings(uri, Map.of("init.commands", "AT+QISDE=0")), Map.of());
        awaitPublished(1);
    }

    @Test
    void newInitCommandsRunWithoutReopeningTheLink() throws Exception {
        String uri = startSimulator();
        start(settings(uri, Map.of()));
        RecordingPublisher.Publication p = awaitPublished(1);
        keeper.update(settings(uri, Map.of("init.commands", "AT+CMEE=2")), Map.of("kura.service.pid", "modem"));
        await().atMost(WAIT).until(() -> p.last().containsKey("kura.service.pid"));
        assertThat(p.modem.channel().execute("AT+CMEE?").texts()).containsExactly("+CMEE: 2");
        assertThat(publisher.publications).containsExactly(p);
        assertThat(p.withdrawn).isFalse();

        // two changes in a row, each compared with what the link runs with: still no reopen
        keeper.update(settings(uri, Map.of("init.commands", "AT+CMEE=0", "reboot.failures", 4)), Map.of("a", 1));
        keeper.update(settings(uri, Map.of("init.commands", "AT+CMEE=1", "reboot.failures", 5)), Map.of("a", 2));
        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(p.last().get("a")));
        assertThat(p.modem.channel().execute("AT+CMEE?").texts()).containsExactly("+CMEE: 1");
        assertThat(publisher.publications).containsExactly(p);
        assertThat(p.withdrawn).isFalse();
    }

    @Test
    void newTimeoutsReopenTheLink() throws Exception {
        String uri = startSimulator();
        start(settings(uri, Map.of()));
        RecordingPublisher.Publication first = awaitPublished(1);
        keeper.update(settings(uri, Map.of("timeout.qiclose", 20)), Map.of());
        RecordingPublisher.Publication second = awaitPublished(2);
        assertThat(first.withdrawn).isTrue();
        assertThat(second.modem.channel().execute("AT").isOk()).isTrue();
    }

    /**
     * A command goes unanswered (the simulator drops its response; the policy here tolerates no failure): the
     * watchdog marks the modem unresponsive, then rebooting, and sends the reboot command; the module restarts
     * (its settings back to defaults) and the keeper reopens the link, runs the init commands and publishes the
     * modem again.
     */
    @Test
    void anUnresponsiveModuleIsRebootedAndPublishedAgain() throws Exception {
        String uri = startSimulator();
        start(settings(uri, Map.of("timeout.command", 2, "reboot.failures", 1, "init.commands", "AT+CMEE=2")));
        RecordingPublisher.Publication first = awaitPublished(1);
        first.modem.channel().execute("AT+QICFG=\"transwaittm\",5");
        Thread.sleep(200); // the watchdog (every 50 ms) takes note of the answered commands first
        sim.dropNextResponse();
        assertThatThrownBy(() -> first.modem.channel().execute(AtCommand.of("AT+CSQ").withTimeout(Duration.ofMillis(100))))
                .isInstanceOf(AtTimeoutException.class);
        RecordingPublisher.Publication second = awaitPublished(2);
        assertThat(first.withdrawn).isTrue();
        assertThat(first.properties).extracting(m -> m.get("modem.state"))
                .containsSubsequence("UP", "UNRESPONSIVE", "REBOOTING");
        assertThat(second.last()).containsEntry("modem.state", "UP");
        assertThat(second.modem.channel().execute("AT+QICFG=\"transwaittm\"").texts())
                .containsExactly("+QICFG: \"transwaittm\",2");
        assertThat(second.modem.channel().execute("AT+CMEE?").texts()).containsExactly("+CMEE: 2");
        assertThat(statuses).extracting(ManagedModem.Status::state)
                .containsSubsequence(ModemState.UP, ModemState.UNRESPONSIVE, ModemState.REBOOTING, ModemState.UP);
    }

    /** Unresponsive (the reboot is an hour away) and up again once the module answers, or once the policy changes. */
    @Test
    void anUnresponsiveModemIsUpAgainWhenItAnswersOrItsPolicyChanges() throws Exception {
        String uri = startSimulator();
        Map<String, Object> oneFailure = Map.of("timeout.command", 2, "reboot.failures", 1);
        start(settings(uri, oneFailure, Duration.ofHours(1)));
        RecordingPublisher.Publication p = awaitPublished(1);
        unanswered(p);
        await().atMost(WAIT).until(() -> "UNRESPONSIVE".equals(p.last().get("modem.state")));
        assertThat(keeper.status().state()).isEqualTo(ModemState.UNRESPONSIVE);
        assertThat(p.modem.channel().execute("AT").isOk()).isTrue();
        await().atMost(WAIT).until(() -> "UP".equals(p.last().get("modem.state")));

        unanswered(p);
        await().atMost(WAIT).until(() -> "UNRESPONSIVE".equals(p.last().get("modem.state")));
        keeper.update(settings(uri, Map.of("timeout.command", 2, "reboot.failures", 2), Duration.ofHours(1)), Map.of());
        await().atMost(WAIT).until(() -> "UP".equals(p.last().get("modem.state")));
        assertThat(publisher.publications).containsExactly(p);
        assertThat(p.withdrawn).isFalse();
    }

    /**
     * A stop while the module does not answer the initialization commands (the command timeout is a minute):
     * the command in flight is abandoned, the thread ends, the link is closed and nothing is ever published.
     */
    @Test
    void aStopWhileTheInitCommandsGoUnansweredEndsAtOnceAndPublishesNothing() throws Exception {
        String uri = startSimulator();
        sim.hang();
        List<SerialLink> opened = new CopyOnWriteArrayList<>();
        keeper = new ModemKeeper(settings(uri, Map.of()), Map.of(), publisher, (s, stopped) -> {
            SerialLink link = SerialLinks.open(s.linkUri());
            opened.add(link);
            return link;
        }, statuses::add, Clock.systemUTC());
        keeper.start();
        await().atMost(WAIT).until(() -> opened.size() == 1);

        keeper.stop();
        assertThat(keeper.thread().isAlive()).isFalse();
        assertThat(opened.get(0).isOpen()).isFalse();
        assertThat(publisher.publications).isEmpty();
        assertThat(keeper.status().state()).isEqualTo(ModemState.GONE);
    }

    /**
     * The named serial link never appears; the configuration then names a URI instead: the keeper stops waiting
     * for the named link and opens the URI (a link change must never wait for the old link).
     */
    @Test
    void aChangedLinkEndsTheWaitForANamedLinkThatNeverCame() throws Exception {
        String uri = startSimulator();
        keeper = new ModemKeeper(settings(uri, Map.of("link.name", "absent")), Map.of(), publisher, (s, stopped) -> {
            if (s.linkName().isEmpty()) {
                return SerialLinks.open(s.linkUri());
            }
            // like the OSGi opener while no SerialLink service of that name is registered
            await().atMost(WAIT).until(stopped::getAsBoolean);
            return null;
        }, statuses::add, Clock.systemUTC());
        keeper.start();
        await().atMost(WAIT).until(() -> keeper.status().equals(new ManagedModem.Status("test", "link.name=absent",
                ModemState.GONE, "waiting for the serial link named 'absent'")));
        keeper.update(settings(uri, Map.of()), Map.of());
        RecordingPublisher.Publication p = awaitPublished(1);
        assertThat(p.last()).containsEntry("link.uri", uri);
    }

    private void unanswered(RecordingPublisher.Publication p) throws Exception {
        Thread.sleep(200); // the watchdog (every 50 ms) takes note of the answered commands first
        sim.dropNextResponse();
        assertThatThrownBy(() -> p.modem.channel().execute(AtCommand.of("AT+CSQ").withTimeout(Duration.ofMillis(100))))
                .isInstanceOf(AtTimeoutException.class);
    }
}
