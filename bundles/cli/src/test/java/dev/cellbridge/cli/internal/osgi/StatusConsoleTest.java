package dev.cellbridge.cli.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status console and its echo probe against a Modem on the in-process simulator. */
class StatusConsoleTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Clock NOON = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    SimulatedModule module;
    final List<String> lines = new CopyOnWriteArrayList<>();
    StatusConsole console;

    @BeforeEach
    void start() throws Exception {
        module = new SimulatedModule();
        module.activateContext();
    }

    @AfterEach
    void stop() throws Exception {
        if (console != null) {
            console.close();
            assertThat(console.isStopped()).as("the console's threads ended").isTrue();
        }
        module.close();
    }

    private StatusConsole console(Map<String, Object> properties) {
        console = new StatusConsole(ConsoleSettings.from(properties), lines::add, NOON);
        console.start();
        return console;
    }

    private void awaitLine(Predicate<String> line) {
        await().atMost(TIMEOUT).until(() -> lines.stream().anyMatch(line));
    }

    @Test
    void aModemThatAppearsGetsItsStatusPrintedThenItsStateChangesAndItsDeparture() {
        console(Map.of());
        console.modemAdded(module.modem, module.properties("modem", 3L, "UP"));

        awaitLine(line -> line.contains("sockets: none"));
        assertThat(lines).containsSubsequence(
            "12:00:00 console: following every modem; no probe",
            "12:00:00 modem modem: UP, link " + module.linkUri(),
            "12:00:00 modem modem: context 1: active, IPV4, 10.7.157.1",
            "12:00:00 modem modem: sockets: none");
        assertThat(lines).anyMatch(line -> line.matches("12:00:00 modem modem: module: Quectel RG500U, revision \\S+, IMEI \\d{15}"));

        console.modemModified(module.modem, module.properties("modem", 3L, "UP"));
        console.modemModified(module.modem, module.properties("modem", 3L, "UNRESPONSIVE"));
        console.modemRemoved(module.modem, module.properties("modem", 3L, "UNRESPONSIVE"));

        assertThat(lines).endsWith("12:00:00 modem modem: state UNRESPONSIVE", "12:00:00 modem modem: gone");
        assertThat(lines).filteredOn(line -> line.contains("state ")).hasSize(1);
    }

    @Test
    void everyEventOfTheModemIsALine() throws Exception {
        console(Map.of());
        console.modemAdded(module.modem, module.properties("modem", 3L, "UP"));
        awaitLine(line -> line.contains("sockets: none"));

        module.simulator.pdpDeact(1);

        awaitLine(line -> line.equals("12:00:00 modem modem: event +QIURC: \"pdpdeact\",1"));
    }

    @Test
    void aModemOfAnotherNameIsIgnoredWhenOneIsChosen() {
        console(Map.of("modem.name", "other"));
        console.modemAdded(module.modem, module.properties("modem", 3L, "UP"));
        console.modemModified(module.modem, module.properties("modem", 3L, "UNRESPONSIVE"));
        console.modemRemoved(module.modem, module.properties("modem", 3L, "UNRESPONSIVE"));
        console.contextChanged(40L, Map.of("modem.name", "modem", "context.id", 1, "context.state", "ACTIVE"));

        assertThat(lines).containsExactly("12:00:00 console: following modem other; no probe");
    }

    @Test
    void contextStatesArePrintedWithTheirAddressesOncePerChange() {
        console(Map.of());
        console.contextChanged(41L, Map.of("modem.name", "", "context.id", 1, "context.state", "INACTIVE",
            "context.ipv4", "", "context.ipv6", ""));
        console.contextChanged(41L, Map.of("modem.name", "modem", "context.id", 1, "context.state", "ACTIVE",
            "context.ipv4", "10.7.157.1", "context.ipv6", ""));
        console.contextChanged(41L, Map.of("modem.name", "modem", "context.id", 1, "context.state", "ACTIVE",
            "context.ipv4", "10.7.157.1", "context.ipv6", "", "apn", "changed but not shown"));
        console.contextChanged(42L, Map.of("modem.name", "modem", "context.id", 2, "context.state", "REACTIVATING",
            "context.ipv4", "", "context.ipv6", ""));
        console.contextRemoved(42L, Map.of("modem.name", "modem", "context.id", 2));
        console.contextRemoved(43L, Map.of("modem.name", "modem", "context.id", 3));

        assertThat(lines).containsExactly("12:00:00 console: following every modem; no probe",
            "12:00:00 modem modem: context 1 INACTIVE",
            "12:00:00 modem modem: context 1 ACTIVE, 10.7.157.1",
            "12:00:00 modem modem: context 2 REACTIVATING", "12:00:00 modem modem: context 2 no longer managed");
    }

    @Test
    void theProbeEchoesEveryIntervalAndReopensWhenThePeerCloses() throws Exception {
        console(Map.of("probe.host", SimulatedModule.REMOTE, "probe.port", "8009", "probe.interval", 1));
        awaitLine(line -> line.equals("12:00:00 probe: waiting for a modem"));
        console.modemAdded(module.modem, module.properties("modem", 3L, "UP"));

        awaitLine(line -> line.equals("12:00:00 probe: echo \"cellbridge probe 2\""));
        assertThat(lines).contains("12:00:00 console: following every modem; echo probe to 220.180.239.212:8009 every 1 s"
            + " on context 1");
        assertThat(lines).anyMatch(line -> line.matches(
            "12:00:00 probe: connected to 220\\.180\\.239\\.212:8009 through modem modem \\(socket \\d+, context 1\\)"));
        // the status after the connection shows the probe's socket
        assertThat(lines).anyMatch(line -> line.matches(
            "12:00:00 modem modem: socket \\d+: TCP 220\\.180\\.239\\.212:8009, local port \\d+, CONNECTED, context 1, BUFFER"));
        // its data arrives as recv URCs, each a line
        assertThat(lines).anyMatch(line -> line.matches("12:00:00 modem modem: event \\+QIURC: \"recv\",\\d+"));

        module.echo.dropConnections();

        awaitLine(line -> line.startsWith("12:00:00 probe: 220.180.239.212:8009: ") && line.endsWith("; reopening in 1 s"));
        await().atMost(TIMEOUT).until(() -> module.echo.accepted() == 2);
        int before = lines.size();
        await().atMost(TIMEOUT).until(() -> lines.subList(before, lines.size()).stream()
            .anyMatch(line -> line.startsWith("12:00:00 probe: echo \"cellbridge probe ")));
    }

    @Test
    void theProbeWaitsForItsContextThenConnects() throws Exception {
        module.modem.deactivate(1);
        console(Map.of("probe.host", SimulatedModule.REMOTE, "probe.port", 8009, "probe.interval", 1));
        console.modemAdded(module.modem, module.properties("modem", 3L, "UP"));

        awaitLine(line -> line.equals("12:00:00 probe: waiting for context 1 to be active"));
        assertThat(module.echo.accepted()).isZero();

        module.modem.activate(1);
        awaitLine(line -> line.equals("12:00:00 probe: echo \"cellbridge probe 1\""));
        assertThat(lines).filteredOn(line -> line.contains("waiting for context")).hasSize(1);
    }

    @Test
    void theProbeRetriesWithBackoffWhileItCannotOpenAndWaitsWhenTheModemGoes() throws Exception {
        // nothing listens behind this route: every open is refused
        console(Map.of("probe.host", "220.180.239.213", "probe.port", 8009, "probe.interval", 1));
        console.modemAdded(module.modem, module.properties("modem", 3L, "UP"));

        awaitLine(line -> line.endsWith("; reopening in 2 s"));
        assertThat(lines).anyMatch(line -> line.startsWith("12:00:00 probe: 220.180.239.213:8009: ")
            && line.endsWith("; reopening in 1 s"));

        console.modemRemoved(module.modem, module.properties("modem", 3L, "UP"));
        awaitLine(line -> line.equals("12:00:00 probe: waiting for a modem"));
        assertThat(Optional.of(module.echo.accepted())).contains(0);
    }
}
