package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The modem's control commands (options, contexts, DNS, ping, errors) against the simulator. */
class ModemControlTest {

    private Simulator simulator;
    private AtChannel channel;
    private Modem modem;
    private final List<CellularEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(SimulatorOptions.builder().tcpPort(0).dns("example.com", "127.0.0.1")
                .pingRttMs(12, 34).pingTtl(64).build());
        channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + simulator.port()),
                AtChannelOptions.defaults().withName("test"));
        modem = Modem.open(channel, ModemOptions.defaults().withName("test"));
        modem.subscribe(events::add);
    }

    @AfterEach
    void stop() {
        modem.close();
        channel.close();
        simulator.close();
    }

    @Test
    void identifiesTheModule() throws Exception {
        ModuleInfo info = modem.info();
        assertThat(info.manufacturer()).isEqualTo("Quectel");
        assertThat(info.model()).isEqualTo("RG500U");
        assertThat(info.revision()).isNotBlank();
        assertThat(info.imei()).matches("\\d{15}");
    }

    @Test
    void tcpIpOptionsRoundTrip() throws Exception {
        assertThat(modem.tcpIpOptions()).isEqualTo(TcpIpOptions.DEFAULTS);
        TcpIpOptions changed = TcpIpOptions.DEFAULTS.withKeepalive(new TcpIpOptions.Keepalive(true, 1800, 100, 10))
                .withRetransmission(3, 1000).withTransparent(1460, 20);
        modem.configure(changed);
        assertThat(modem.tcpIpOptions()).isEqualTo(changed);
    }

    @Test
    void outOfRangeOptionsNeverReachTheModule() {
        long before = channel.statistics().bytesOut();
        assertThatThrownBy(() -> TcpIpOptions.DEFAULTS.withRetransmission(2, 600))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("QICFG tcp/retranscfg max_backoffs 2 is out of range 3–20");
        assertThatThrownBy(() -> new TcpIpOptions.Keepalive(true, 60, 24, 3))
                .hasMessage("QICFG tcp/keepalive interval_time 24 is out of range 25–100");
        assertThatThrownBy(() -> modem.activate(6)).hasMessage("contextID 6 is out of range 1–5");
        assertThatThrownBy(() -> modem.ping(1, "example.com", 256, 4, 32)).hasMessage("QPING timeout 256 is out of range 1–255");
        assertThatThrownBy(() -> PdpContextConfig.ipv4(0, "x")).hasMessage("contextID 0 is out of range 1–5");
        assertThatThrownBy(() -> new PdpContextConfig(1, ContextType.IPV4, "a\"b", "", "", Authentication.NONE))
                .hasMessageContaining("APN must not contain quotes");
        assertThat(channel.statistics().bytesOut()).isEqualTo(before);
    }

    /**
     * QICSGP's limits: the note's 127 bytes for username and password, 3GPP's 99 for the APN (the note has none).
     * What the driver takes the module takes, byte for byte; what it refuses never reaches the module.
     */
    @Test
    void contextTextsAtTheirLimitsReachTheModuleAndBeyondThemNothingIsSent() throws Exception {
        PdpContextConfig longest = new PdpContextConfig(3, ContextType.IPV4V6, "a".repeat(99), "u".repeat(127),
                "\u00e9".repeat(127), Authentication.PAP_OR_CHAP);
        modem.configureContext(longest);
        assertThat(modem.contextConfig(3)).isEqualTo(longest);

        long before = channel.statistics().bytesOut();
        assertThatThrownBy(() -> PdpContextConfig.ipv4(3, "a".repeat(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("APN is longer than 99 bytes");
        assertThatThrownBy(() -> new PdpContextConfig(3, ContextType.IPV4, "", "u".repeat(128), "",
                Authentication.PAP))
                .hasMessage("username is longer than 127 bytes");
        assertThatThrownBy(() -> new PdpContextConfig(3, ContextType.IPV4, "", "", "p".repeat(128),
                Authentication.PAP))
                .hasMessage("password is longer than 127 bytes");
        assertThatThrownBy(() -> new PdpContextConfig(3, ContextType.IPV4, "", "", "pass\u20acword",
                Authentication.PAP))
                .hasMessage("password has a character the AT command line cannot carry (only ISO-8859-1, "
                        + "U+0000–U+00FF) at index 4");
        assertThat(channel.statistics().bytesOut()).isEqualTo(before);
    }

    @Test
    void contextsAreConfiguredActivatedAndDeactivated() throws Exception {
        PdpContextConfig config = new PdpContextConfig(1, ContextType.IPV4, "UNINET", "user", "secret", Authentication.CHAP);
        modem.configureContext(config);
        assertThat(modem.contextConfig(1)).isEqualTo(config);
        assertThat(config.toString()).doesNotContain("secret");
        modem.activate(1);
        assertThat(modem.contexts()).containsExactly(new PdpContextState(1, true, ContextType.IPV4, "10.7.157.1", null));
        modem.deactivate(1);
        assertThat(modem.contexts()).isEmpty();
    }

    @Test
    void asynchronousActivationReportsTheAddress() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(2, "internet"));
        PdpContextState state = modem.activateAsync(2).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(state.contextId()).isEqualTo(2);
        assertThat(state.active()).isTrue();
        assertThat(state.ipv4Address()).isPresent();
        modem.deactivateAsync(2).toCompletableFuture().get(10, TimeUnit.SECONDS);
        // listeners hear of it right after the futures complete
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CellularEvent.ContextActivated.class));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CellularEvent.ContextDeactivated.class));
        });
    }

    @Test
    void refusalsCarryTheModulesErrorCode() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
        modem.activate(1);
        assertThatThrownBy(() -> modem.activate(1)).isInstanceOf(CellularException.class)
                .hasMessageContaining("AT+QIACT=1").satisfies(e ->
                        assertThat(((CellularException) e).error()).isPresent());
    }

    @Test
    void dnsServers() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
        modem.activate(1);
        modem.dnsServers(1, "8.8.8.8", "8.8.4.4");
        assertThat(modem.dnsServers(1)).isEqualTo(new DnsServers(1, "8.8.8.8", "8.8.4.4"));
        assertThatThrownBy(() -> modem.dnsServers(1, "dns.example", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primary DNS server");
    }

    @Test
    void pingGivesEachReplyAndTheSummary() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
        modem.activate(1);
        PingResult result = modem.ping(1, "example.com", 4, 2, 32);
        assertThat(result.replies()).containsExactly(new PingLine.Reply(0, "127.0.0.1", 32, 12, 64),
                new PingLine.Reply(0, "127.0.0.1", 32, 34, 64));
        assertThat(result.summary()).isEqualTo(new PingLine.Summary(0, 2, 2, 0, 12, 34, 23));
    }

    @Test
    void lastError() throws Exception {
        assertThat(modem.lastError()).isIn(QuectelError.OPERATION_SUCCESS, QuectelError.UNKNOWN_ERROR);
        channel.execute("AT+QIOPEN=1,\"TCP\",\"220.180.239.212\",8009,0,1");
        assertThat(modem.lastError()).isEqualTo(QuectelError.INVALID_PARAMETERS);
    }

    @Test
    void urcsBecomeTypedEvents() throws Exception {
        modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
        modem.activate(1);
        simulator.pdpDeact(1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                events.contains(new CellularEvent.PdpDeactivated("+QIURC: \"pdpdeact\",1", 1)));
    }

    @Test
    void initializationTurnsEchoOff() throws Exception {
        modem.initialize(Modem.RECOMMENDED_INIT);
        assertThat(channel.execute("AT+QISDE?").texts()).containsExactly("+QISDE: 0");
        assertThat(channel.execute("AT").texts()).isEmpty(); // no command echo either
        long before = channel.statistics().bytesOut();
        assertThatThrownBy(() -> modem.initialize(List.of("ATE0", "QISDE=0"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with AT");
        assertThat(channel.statistics().bytesOut()).isEqualTo(before);
        assertThatThrownBy(() -> modem.initialize(List.of("AT+QISDE=7"))).isInstanceOf(CellularException.class)
                .hasMessageContaining("AT+QISDE=7");
    }
}
