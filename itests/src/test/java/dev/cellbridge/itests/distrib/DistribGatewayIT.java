package dev.cellbridge.itests.distrib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cellbridge.itests.Mosquitto;

/**
 * {@code cellbridge-gateway.jar} run as a process, as a user runs it: it comes up (Equinox, SCR, ConfigurationAdmin,
 * our bundles), publishes to the broker of {@code --mqtt} (a Mosquitto of the test), applies and follows its
 * configuration directory, answers on its Gogo shell, runs its embedded
 * simulator with the status console by default, and stops cleanly on SIGTERM, on the end of the shell's input and
 * after {@code --run-for}.
 */
class DistribGatewayIT {

    /** Bound on every wait; a healthy gateway starts in a few seconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static final List<String> CELLBRIDGE_BUNDLES = List.of("dev.cellbridge.serial", "dev.cellbridge.at",
        "dev.cellbridge.cellular", "dev.cellbridge.simulator", "dev.cellbridge.cli", "dev.cellbridge.relay");

    static final String LINK_FILE = "dev.cellbridge.serial.link~modem.cfg";

    @TempDir
    Path temp;

    @Test
    void comesUpFollowsItsConfigurationDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        Path config = Files.createDirectory(temp.resolve("config"));
        try (ServerSocket first = loopbackServer(); ServerSocket second = loopbackServer();
                Mosquitto broker = Mosquitto.start(Files.createDirectory(temp.resolve("mosquitto")))) {
            // present at start: applied before our bundles start
            writeAtomically(config.resolve(LINK_FILE), "uri = tcp://127.0.0.1:" + first.getLocalPort() + "\n");
            try (RunningProcess gateway = startGateway(config, "--shell", "--config", config.toString(),
                "--port", "tcp://127.0.0.1:9", "--mqtt", broker.url())) {
                runsAndFollows(gateway, config, first, second, broker);
            }
        }
    }

    private void runsAndFollows(RunningProcess gateway, Path config, ServerSocket first, ServerSocket second,
        Mosquitto broker) throws Exception {
        awaitStarted(gateway);
        // --mqtt: the relay publishes to that broker; no embedded one
        assertThat(gateway.stderr()).noneMatch(line -> line.contains("embedded MQTT broker"));
        List<String> states = new CopyOnWriteArrayList<>();
        MqttClient client = new MqttClient(broker.url(), "itest-gateway", new MemoryPersistence());
        try {
            client.connect();
            client.subscribe("cellbridge/+/state", 1,
                (topic, message) -> states.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            await().atMost(TIMEOUT).until(() -> states.stream().anyMatch(state -> state.startsWith("{\"online\":true,")));
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(gateway.stderr()).contains("cellbridge-gateway: config: created dev.cellbridge.serial.link~modem"
            + " from " + LINK_FILE);
        try (Socket link = accept(first, gateway)) {
            // the shell: our bundles active, --port and --mqtt handed over as framework properties
            gateway.send("lb -s\n");
            for (String name : CELLBRIDGE_BUNDLES) {
                await().atMost(TIMEOUT).until(() -> gateway.stdout().stream()
                    .anyMatch(line -> line.contains("|Active ") && line.contains("|" + name + " (")));
            }
            gateway.send("context:getProperty cellbridge.port\n");
            gateway.send("context:getProperty cellbridge.mqtt\n");
            await().atMost(TIMEOUT).until(() -> gateway.printed(line -> line.endsWith("tcp://127.0.0.1:9"))
                && gateway.printed(line -> line.endsWith(broker.url())));

            // a changed file is applied: the link moves to the second server, the first connection closes
            writeAtomically(config.resolve(LINK_FILE), "uri = tcp://127.0.0.1:" + second.getLocalPort() + "\n");
            try (Socket moved = accept(second, gateway)) {
                assertThat(readUntilClosed(link)).as("first connection closed").isTrue();
                await().atMost(TIMEOUT).until(() -> gateway.stderr().contains("cellbridge-gateway: config: updated "
                    + "dev.cellbridge.serial.link~modem from " + LINK_FILE));

                // a deleted file deletes the configuration: the link closes
                Files.delete(config.resolve(LINK_FILE));
                assertThat(readUntilClosed(moved)).as("second connection closed").isTrue();
            }
        }

        gateway.terminate(); // SIGTERM
        int status = gateway.awaitExit(TIMEOUT);
        assertThat(status).as("exit status after SIGTERM (128 + 15)\n" + gateway.transcript()).isEqualTo(143);
        assertThat(gateway.stderr()).last().isEqualTo("cellbridge-gateway: stopped");
        assertThat(workDirectories()).as("the work directory is deleted").isEmpty();
    }

    /**
     * The README's command: no option but {@code --run-for}. On its embedded simulator the gateway configures the
     * modem, PDP context 1, the status console with its echo probe and the relay on its embedded MQTT broker by
     * itself; the console prints the module, the active context, the probe's socket and its echoes, the gateway the
     * relay's MQTT messages (state, URCs); then it stops by itself with status 0, its broker's port closed.
     */
    @Test
    void onItsDefaultItShowsTheStatusAndTheProbesEchoesThenStopsByItself() throws Exception {
        Path config = Files.createDirectory(temp.resolve("config"));
        try (RunningProcess gateway = startGateway(config, "--run-for", "20")) {
            awaitStarted(gateway);
            assertThat(gateway.stderr()).anyMatch(line -> line.matches("cellbridge-gateway: embedded simulator on "
                + "tcp://127\\.0\\.0\\.1:\\d+ routing 220\\.180\\.239\\.212:8009 to the echo service on 127\\.0\\.0\\.1:\\d+"));
            assertThat(gateway.stderr()).contains(
                "cellbridge-gateway: config: default dev.cellbridge.cellular.context~1 {context.id=1, apn=UNINET, activate=true}",
                "cellbridge-gateway: config: default dev.cellbridge.cli.console {probe.host=220.180.239.212, probe.port=8009,"
                    + " probe.interval=3, probe.context=1}");
            String brokerLine = gateway.stderr().stream()
                .filter(line -> line.startsWith("cellbridge-gateway: embedded MQTT broker on "))
                .findFirst().orElseThrow(() -> new AssertionError("no broker line\n" + gateway.transcript()));
            Matcher broker =
                Pattern.compile("embedded MQTT broker on tcp://127\\.0\\.0\\.1:(\\d+); .*").matcher(brokerLine);
            assertThat(broker.find()).as(brokerLine).isTrue();
            int brokerPort = Integer.parseInt(broker.group(1));
            assertThat(gateway.stderr()).anyMatch(line -> line.matches("cellbridge-gateway: config: default "
                + "dev\\.cellbridge\\.relay \\{broker\\.url=tcp://127\\.0\\.0\\.1:" + brokerPort
                + ", outbox\\.dir=.*/relay-outbox}"));
            assertThat(gateway.stderr()).contains("cellbridge-gateway: config: default dev.cellbridge.relay.bridge~echo"
                + " {bridge.name=echo, service.type=TCP, context.id=1, remote.host=220.180.239.212, remote.port=8009}");
            assertThat(gateway.stderr()).anyMatch(line -> line.startsWith("cellbridge-gateway: started: ")
                && line.contains("; cellbridge.mqtt=tcp://127.0.0.1:" + brokerPort + " (embedded);"));
            await().atMost(TIMEOUT).failFast("the gateway exited\n" + gateway.transcript(), () -> !gateway.process().isAlive())
                .until(() -> gateway.stdout().stream().anyMatch(line -> line.endsWith(" probe: echo \"cellbridge probe 2\"")));
            assertThat(gateway.stdout()).as(gateway.transcript())
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d modem modem: module: Quectel RG500U, revision \\S+, IMEI \\d{15}"))
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d modem modem: context 1: active, IPV4, 10\\.7\\.157\\.1"))
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d probe: connected to 220\\.180\\.239\\.212:8009 through modem modem \\(socket \\d+, context 1\\)"))
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d modem modem: socket \\d+: TCP 220\\.180\\.239\\.212:8009, local port \\d+, CONNECTED, context 1, BUFFER"))
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d modem modem: event \\+QIURC: \"recv\",\\d+"));

            // the relay's messages through the embedded broker: the retained state, the probe's URCs, the bridge
            await().atMost(TIMEOUT).until(() -> gateway.stdout().stream().anyMatch(line -> line.matches(
                "\\d\\d:\\d\\d:\\d\\d mqtt cellbridge/[^/]+/urc/RECV \\{\"modem\":\"modem\",\"name\":\"RECV\".*")));
            assertThat(gateway.stdout()).as(gateway.transcript())
                .anyMatch(line -> line.matches(
                    "\\d\\d:\\d\\d:\\d\\d mqtt cellbridge/[^/]+/state \\{\"online\":true,.*"))
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d mqtt cellbridge/[^/]+/bridge/echo/events "
                    + "\\{\"bridge\":\"echo\",\"event\":\"open\",.*"));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), brokerPort)) {
                assertThat(client.isConnected()).as("the broker listens on loopback").isTrue();
            }

            int status = gateway.awaitExit(TIMEOUT);
            assertThat(status).as("exit status after --run-for\n" + gateway.transcript()).isZero();
            assertThat(gateway.stdout()).as("the relay's goodbye before the broker stopped")
                .anyMatch(line -> line.matches(
                    "\\d\\d:\\d\\d:\\d\\d mqtt cellbridge/[^/]+/state \\{\"online\":false,.*"));
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), brokerPort).close())
                .as("the broker's port is closed").isInstanceOf(ConnectException.class);
            assertThat(gateway.stderr()).contains("cellbridge-gateway: --run-for 20 s elapsed: stopping");
            assertThat(gateway.stderr()).last().isEqualTo("cellbridge-gateway: stopped");
            assertThat(workDirectories()).as("the work directory is deleted").isEmpty();
        }
    }

    /** The shell runs the cellbridge commands (unscoped: the profile puts their scope first after Gogo's). */
    @Test
    void endOfTheShellsInputStopsTheGatewayWithStatusZero() throws Exception {
        Path config = Files.createDirectory(temp.resolve("config"));
        try (RunningProcess gateway = startGateway(config, "--shell")) {
            awaitStarted(gateway);
            gateway.send("context:getProperty cellbridge.port\n");
            await().atMost(TIMEOUT).until(() -> gateway.printed(line -> line.endsWith("sim:")));
            // the cellbridge commands, unscoped, once the console saw the modem come up on the embedded simulator
            await().atMost(TIMEOUT).until(() -> gateway.stdout().stream()
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d modem modem: UP, link tcp://127\\.0\\.0\\.1:\\d+")));
            gateway.send("info\n");
            gateway.send("ping -m nosuch example.com\n");
            await().atMost(TIMEOUT).until(() -> gateway.printed(line -> line.contains("module: Quectel RG500U, revision ")));
            await().atMost(TIMEOUT).until(() -> gateway.printed(line -> line.matches(".*\\* modem modem: UP, link tcp://127\\.0\\.0\\.1:\\d+")));
            await().atMost(TIMEOUT).until(() -> gateway.printed(line -> line.endsWith(
                "IllegalStateException: ping: no modem named 'nosuch' (modems: modem)")));
            gateway.closeInput();
            int status = gateway.awaitExit(TIMEOUT);
            assertThat(status).as(gateway.transcript()).isZero();
            assertThat(gateway.stdout()).anyMatch(line -> line.contains("gosh: stopping framework"));
            assertThat(gateway.stderr()).last().isEqualTo("cellbridge-gateway: stopped");
            assertThat(workDirectories()).as("the work directory is deleted").isEmpty();
        }
    }

    @Test
    void aBadCommandLineExitsWithStatusTwoNamingTheProblem() throws Exception {
        Path config = Files.createDirectory(temp.resolve("config"));
        try (RunningProcess gateway = startGateway(config, "--config", temp.resolve("missing").toString())) {
            int status = gateway.awaitExit(TIMEOUT);
            assertThat(status).as(gateway.transcript()).isEqualTo(2);
            assertThat(gateway.stderr()).containsExactly("cellbridge-gateway: --config "
                + temp.resolve("missing") + ": no such directory (--help for the usage)");
            assertThat(workDirectories()).isEmpty();
        }
    }

    /** Starts the gateway with its temporary files (work directory, user home) under the test's directory. */
    private RunningProcess startGateway(Path config, String... options) throws IOException {
        Files.createDirectories(temp.resolve("tmp"));
        Files.createDirectories(temp.resolve("home"));
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
            "-Djava.io.tmpdir=" + temp.resolve("tmp"), "-Duser.home=" + temp.resolve("home"),
            "-jar", DistribFiles.distrib("cellbridge-gateway.jar").toString()));
        command.addAll(List.of(options));
        return RunningProcess.start("gateway", new ProcessBuilder(command).directory(config.toFile()));
    }

    private static void awaitStarted(RunningProcess gateway) {
        await().atMost(TIMEOUT)
            .failFast("the gateway exited\n" + gateway.transcript(), () -> !gateway.process().isAlive())
            .until(() -> gateway.stderr().stream().anyMatch(line -> line.startsWith("cellbridge-gateway: started: ")));
    }

    private List<Path> workDirectories() throws IOException {
        try (var entries = Files.list(temp.resolve("tmp"))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("cellbridge-gateway-")).toList();
        }
    }

    private static ServerSocket loopbackServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) TIMEOUT.toMillis());
        return server;
    }

    private static Socket accept(ServerSocket server, RunningProcess gateway) throws IOException {
        try {
            Socket socket = server.accept();
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return socket;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the serial link did not connect to port " + server.getLocalPort() + "\n"
                + gateway.transcript(), e);
        }
    }

    /** Reads (bounded by the socket timeout) until the peer closes; true if it did. */
    private static boolean readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the link sends nothing by itself; keep draining until end of stream
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Writes then renames, as editors save, so the gateway never reads half a file. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.writeString(partial, content);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
