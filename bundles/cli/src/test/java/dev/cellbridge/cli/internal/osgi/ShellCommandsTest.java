package dev.cellbridge.cli.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.SocketSpec;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gogo commands against a Modem on the in-process simulator. */
class ShellCommandsTest {

    SimulatedModule module;
    final ShellCommands commands = new ShellCommands();

    @BeforeEach
    void start() throws Exception {
        module = new SimulatedModule();
    }

    @AfterEach
    void stop() throws Exception {
        module.close();
    }

    @Test
    void withoutAModemEveryCommandSaysSoInOneLine() {
        for (String command : new String[] {"info", "sockets", "contexts"}) {
            assertThatThrownBy(() -> ShellCommands.class.getMethod(command, String[].class).invoke(commands,
                (Object) new String[0]))
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage(command + ": no modem: no Modem service is registered (configure "
                    + "dev.cellbridge.cellular.modem, and check that the module answers)");
        }
        assertThatThrownBy(() -> commands.ping("example.com")).hasMessageStartingWith("ping: no modem: ");
        assertThatThrownBy(() -> commands.at("AT")).hasMessageStartingWith("at: no modem: ");
    }

    @Test
    void infoShowsTheModemsTheModuleItsContextsAndSockets() {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));

        String info = commands.info();

        assertThat(info.lines()).containsExactly(
            "* modem modem: UP, link " + module.linkUri(),
            info.lines().toList().get(1),
            "contexts: none active",
            "sockets: none");
        assertThat(info.lines().toList().get(1)).matches("module: Quectel RG500U, revision \\S+, IMEI \\d{15}");
    }

    @Test
    void contextsAndSocketsShowWhatIsActiveAndOpen() throws Exception {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));
        module.activateContext();

        assertThat(commands.contexts()).isEqualTo("context 1: active, IPV4, 10.7.157.1\n");
        try (ModemSocket socket = module.modem.open(SocketSpec.tcp(1, SimulatedModule.REMOTE, SimulatedModule.REMOTE_PORT))) {
            assertThat(commands.sockets()).matches("socket " + socket.connectId()
                + ": TCP 220\\.180\\.239\\.212:8009, local port \\d+, CONNECTED, context 1, BUFFER\n");
        }
    }

    @Test
    void contextsAlsoListsTheConfiguredContextsOfThatModem() throws Exception {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));
        module.activateContext();
        commands.bindContext(() -> new ManagedPdpContext.Status("modem", 1, ManagedPdpContext.State.ACTIVE,
            "10.7.157.1", "", ""), Map.of("service.id", 20L, "service.pid", "dev.cellbridge.cellular.context~1"));
        commands.bindContext(() -> new ManagedPdpContext.Status("", 2, ManagedPdpContext.State.FAILED, "", "",
            "561 (open PDP context failed)"), Map.of("service.id", 21L, "service.pid", "dev.cellbridge.cellular.context~x",
            "kura.service.pid", "apn-backup"));
        commands.bindContext(() -> new ManagedPdpContext.Status("other", 3, ManagedPdpContext.State.ACTIVE,
            "10.0.0.3", "", ""), Map.of("service.id", 22L, "service.pid", "dev.cellbridge.cellular.context~o"));

        assertThat(commands.contexts()).isEqualTo("context 1: active, IPV4, 10.7.157.1\n"
            + "configured dev.cellbridge.cellular.context~1: context 1 ACTIVE, 10.7.157.1\n"
            + "configured apn-backup: context 2 FAILED (561 (open PDP context failed))\n");

        commands.unbindContext(null, Map.of("service.id", 21L));
        assertThat(commands.contexts()).doesNotContain("apn-backup");
    }

    @Test
    void atSendsRawCommandsInOrderAndShowsEachAnswer() throws Exception {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));
        module.activateContext();

        String out = commands.at("AT+QIACT?", "AT+QIDNSCFG=9");

        assertThat(out).isEqualTo("+QIACT: 1,1,1,\"10.7.157.1\"\nOK\nERROR\n");
    }

    @Test
    void atRefusesSomethingThatIsNoCommand() {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));

        assertThatThrownBy(() -> commands.at()).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("at: usage: at [-m NAME] COMMAND... (e.g. at AT+QIACT? 'AT+QICSGP=1')");
        assertThatThrownBy(() -> commands.at("hello\r\nAT")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("at: ");
    }

    @Test
    void pingPrintsEveryReplyAndTheSummary() throws Exception {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));
        module.activateContext();

        String out = commands.ping("-n", "2", "example.com");

        assertThat(out).startsWith("PING example.com through context 1 of modem modem\n")
            .containsPattern("32 bytes from 127\\.0\\.0\\.1: time=\\d+ ms ttl=\\d+")
            .contains("2 sent, 2 received, 0 lost");
    }

    @Test
    void pingOptionsAreChecked() {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));

        assertThatThrownBy(() -> commands.ping("-n", "11", "example.com")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("ping: --number 11 is out of range 1–10");
        assertThatThrownBy(() -> commands.ping("--context", "x", "example.com"))
            .hasMessage("ping: --context x is not a number");
        assertThatThrownBy(() -> commands.ping()).hasMessage(
            "ping: usage: ping [-m NAME] [-c CONTEXT] [-n COUNT] [-t SECONDS] HOST");
        assertThatThrownBy(() -> commands.ping("-x", "1", "h")).hasMessageStartingWith("ping: unknown option -x");
        assertThatThrownBy(() -> commands.ping("-c")).hasMessage("ping: -c needs a value");
    }

    @Test
    void aModuleErrorIsOneLineNamingTheCommand() {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));

        assertThatThrownBy(() -> commands.ping("-n", "1", "example.com")).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("ping example.com: ").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void dashMPicksAModemByNameTheFirstOtherwise() {
        commands.bindModem(module.modem, module.properties("second", 9L, "UNRESPONSIVE"));
        commands.bindModem(module.modem, module.properties("first", 8L, "UP"));

        assertThat(commands.info().lines().limit(2)).containsExactly(
            "* modem first: UP, link " + module.linkUri(), "  modem second: UNRESPONSIVE, link " + module.linkUri());
        assertThat(commands.info("-m", "second").lines().limit(2)).containsExactly(
            "  modem first: UP, link " + module.linkUri(), "* modem second: UNRESPONSIVE, link " + module.linkUri());
        assertThatThrownBy(() -> commands.contexts("--modem", "third")).isInstanceOf(IllegalStateException.class)
            .hasMessage("contexts: no modem named 'third' (modems: first, second)");
        assertThatThrownBy(() -> commands.sockets("extra")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("sockets: unexpected argument 'extra' (usage: sockets [-m NAME])");
    }

    @Test
    void updatedAndUnboundModemsAreFollowed() {
        commands.bindModem(module.modem, module.properties("modem", 7L, "UP"));
        commands.updatedModem(module.modem, module.properties("modem", 7L, "REBOOTING"));
        assertThat(commands.info().lines().findFirst()).contains("* modem modem: REBOOTING, link " + module.linkUri());

        commands.unbindModem(module.modem, module.properties("modem", 7L, "REBOOTING"));
        assertThatThrownBy(() -> commands.info()).hasMessageStartingWith("info: no modem: ");
    }
}
