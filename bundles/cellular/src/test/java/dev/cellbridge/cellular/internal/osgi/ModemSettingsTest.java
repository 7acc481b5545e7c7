package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.cellular.Modem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The modem configuration: defaults, every range boundary, the forms values arrive in, and what needs a reopen. */
class ModemSettingsTest {

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(key, value);
        return properties;
    }

    @Test
    void defaultsAreTheApplicationNotes() {
        ModemSettings s = ModemSettings.from(Map.of());
        assertThat(s.name()).isEqualTo("modem");
        assertThat(s.linkUri()).isEqualTo("/dev/ttyUSB2");
        assertThat(s.linkName()).isEmpty();
        assertThat(s.init()).isEqualTo(Modem.RECOMMENDED_INIT);
        assertThat(s.timeouts().timeoutFor("AT+CSQ")).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.timeouts().timeoutFor("AT+QIACT=1")).isEqualTo(Duration.ofSeconds(150));
        assertThat(s.timeouts().timeoutFor("AT+QIACTEX=1,1")).isEqualTo(Duration.ofSeconds(150));
        assertThat(s.timeouts().timeoutFor("AT+QIDEACT=1")).isEqualTo(Duration.ofSeconds(40));
        assertThat(s.timeouts().timeoutFor("AT+QIDEACTEX=1")).isEqualTo(Duration.ofSeconds(40));
        // QICLOSE: 10 s plus the channel's margin for a module that takes all of it
        assertThat(s.timeouts().timeoutFor("AT+QICLOSE=0")).isEqualTo(Duration.ofSeconds(12));
        assertThat(s.watchdog()).isTrue();
        assertThat(s.watchdogInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.rebootFailures()).isEqualTo(3);
        assertThat(s.rebootDelays()).containsExactly(Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(30));
        assertThat(s.rebootDelayMax()).isEqualTo(Duration.ofHours(24));
        assertThat(s.rebootCommand()).isEqualTo("AT+CFUN=1,1");
        assertThat(s.reopenInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.reopenMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.modemOptions().name()).isEqualTo("modem");
        assertThat(s.modemOptions().readChunk()).isEqualTo(1500);
        assertThat(s.modemOptions().sendFailRetries()).isEqualTo(50);
        assertThat(s.modemOptions().sendFailBackoff()).isEqualTo(Duration.ofMillis(20));
        assertThat(s.modemOptions().sendFailBackoffMax()).isEqualTo(Duration.ofSeconds(1));
    }

    /** {@code partner} ("key=value" or "") widens a dependent limit so that the attribute's own range is what is tested. */
    @ParameterizedTest(name = "{0} accepts {1}–{2}")
    @CsvSource({
        "timeout.command, 1, 600, ''",
        "timeout.qiact, 1, 600, ''",
        "timeout.qideact, 1, 600, ''",
        "timeout.qiclose, 1, 600, ''",
        "watchdog.interval, 1, 3600, ''",
        "reboot.failures, 1, 100, ''",
        "reboot.delay.max, 60, 604800, ''",
        "reopen.delay.initial, 1, 3600, reopen.delay.max=3600",
        "reopen.delay.max, 1, 3600, ''",
        "read.chunk, 1, 1500, ''",
        "sendfail.retries, 0, 10000, ''",
        "sendfail.backoff, 1, 60000, sendfail.backoff.max=60000",
        "sendfail.backoff.max, 1, 60000, sendfail.backoff=1",
    })
    void integerBoundaries(String attribute, int min, int max, String partner) {
        for (Object ok : List.of(min, max, Integer.toString(max), (long) min)) {
            assertThat(ModemSettings.from(with(attribute, ok, partner))).isNotNull();
        }
        assertThatThrownBy(() -> ModemSettings.from(with(attribute, min - 1, partner)))
                .isInstanceOf(BadAttributeException.class).hasMessageStartingWith("attribute '" + attribute + "' is " + (min - 1) + ";");
        assertThatThrownBy(() -> ModemSettings.from(with(attribute, (long) max + 1, partner)))
                .isInstanceOf(BadAttributeException.class).hasMessageStartingWith("attribute '" + attribute + "' is " + (max + 1) + ";");
    }

    private static Map<String, Object> with(String key, Object value, String partner) {
        Map<String, Object> properties = with(key, value);
        if (!partner.isEmpty()) {
            String[] kv = partner.split("=");
            properties.put(kv[0], kv[1]);
        }
        return properties;
    }

    @Test
    void rangeErrorsNameAttributeValueAndRange() {
        assertThatThrownBy(() -> ModemSettings.from(with("read.chunk", 1501)))
                .hasMessage("attribute 'read.chunk' is 1501; allowed: 1–1500 bytes");
        assertThatThrownBy(() -> ModemSettings.from(with("timeout.qiact", "0")))
                .hasMessage("attribute 'timeout.qiact' is 0; allowed: 1–600 s");
        assertThatThrownBy(() -> ModemSettings.from(with("timeout.command", "sixty")))
                .hasMessage("attribute 'timeout.command' is 'sixty'; allowed: a whole number of s");
        assertThatThrownBy(() -> ModemSettings.from(with("read.chunk", 2.5)))
                .hasMessageStartingWith("attribute 'read.chunk' is 2.5");
        assertThat(ModemSettings.from(with("read.chunk", 512.0)).modemOptions().readChunk()).isEqualTo(512);
        assertThat(ModemSettings.from(with("read.chunk", 512L)).modemOptions().readChunk()).isEqualTo(512);
    }

    @Test
    void dependentLimits() {
        Map<String, Object> reopen = with("reopen.delay.initial", 30);
        reopen.put("reopen.delay.max", 29);
        assertThatThrownBy(() -> ModemSettings.from(reopen)).hasMessageStartingWith("attribute 'reopen.delay.max' is 29");
        reopen.put("reopen.delay.max", 30);
        assertThat(ModemSettings.from(reopen).reopenMax()).isEqualTo(Duration.ofSeconds(30));

        Map<String, Object> sendFail = with("sendfail.backoff", 100);
        sendFail.put("sendfail.backoff.max", 99);
        assertThatThrownBy(() -> ModemSettings.from(sendFail)).hasMessageStartingWith("attribute 'sendfail.backoff.max' is 99");
    }

    @Test
    void booleansAsBooleansOrText() {
        assertThat(ModemSettings.from(with("watchdog.enabled", false)).watchdog()).isFalse();
        assertThat(ModemSettings.from(with("watchdog.enabled", "FALSE")).watchdog()).isFalse();
        assertThat(ModemSettings.from(with("watchdog.enabled", "true")).watchdog()).isTrue();
        assertThatThrownBy(() -> ModemSettings.from(with("watchdog.enabled", "yes")))
                .hasMessage("attribute 'watchdog.enabled' is 'yes'; allowed: true or false");
    }

    @Test
    void initCommandsAsArrayListOrLines() {
        List<String> expected = List.of("ATE0", "AT+CMEE=2");
        assertThat(ModemSettings.from(with("init.commands", new String[] {"ATE0", "AT+CMEE=2"})).init()).isEqualTo(expected);
        assertThat(ModemSettings.from(with("init.commands", expected)).init()).isEqualTo(expected);
        assertThat(ModemSettings.from(with("init.commands", "ATE0\n AT+CMEE=2 \n\n")).init()).isEqualTo(expected);
        assertThat(ModemSettings.from(with("init.commands", new String[0])).init()).isEmpty();
        assertThatThrownBy(() -> ModemSettings.from(with("init.commands", new String[] {"ATE0", "QISDE=0"})))
                .isInstanceOf(BadAttributeException.class).hasMessageStartingWith("attribute 'init.commands': 'QISDE=0'");
        assertThatThrownBy(() -> ModemSettings.from(with("reboot.command", "reboot")))
                .hasMessageStartingWith("attribute 'reboot.command': 'reboot'");
    }

    @Test
    void aMetatypeEscapedCommaIsAComma() {
        assertThat(ModemSettings.from(with("reboot.command", "AT+CFUN=1\\,1")).rebootCommand()).isEqualTo("AT+CFUN=1,1");
        assertThat(ModemSettings.from(with("init.commands", new String[] {"AT+QICFG=\"viewmode\"\\,0"})).init())
                .containsExactly("AT+QICFG=\"viewmode\",0");
    }

    @Test
    void rebootDelays() {
        assertThat(ModemSettings.from(with("reboot.delays", new int[] {0, 86_400})).rebootDelays())
                .containsExactly(Duration.ZERO, Duration.ofDays(1));
        assertThat(ModemSettings.from(with("reboot.delays", new Integer[] {5})).rebootDelays())
                .containsExactly(Duration.ofSeconds(5));
        assertThat(ModemSettings.from(with("reboot.delays", "0, 60,120")).rebootDelays())
                .containsExactly(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThatThrownBy(() -> ModemSettings.from(with("reboot.delays", new int[] {0, -1})))
                .hasMessage("attribute 'reboot.delays' is [0, -1]; allowed: each 0–86400 s");
        assertThatThrownBy(() -> ModemSettings.from(with("reboot.delays", new int[] {86_401})))
                .hasMessage("attribute 'reboot.delays' is [86401]; allowed: each 0–86400 s");
        assertThatThrownBy(() -> ModemSettings.from(with("reboot.delays", new int[0])))
                .hasMessageStartingWith("attribute 'reboot.delays' is empty");
        assertThatThrownBy(() -> ModemSettings.from(with("reboot.delays", new int[11])))
                .hasMessageStartingWith("attribute 'reboot.delays' is 11 waits");
    }

    @Test
    void linkChoice() {
        Map<String, Object> named = with("link.name", "modem0");
        named.put("link.uri", "");
        ModemSettings s = ModemSettings.from(named);
        assertThat(s.linkName()).isEqualTo("modem0");
        assertThat(s.linkDescription()).isEqualTo("link.name=modem0");
        assertThatThrownBy(() -> ModemSettings.from(with("link.uri", " ")))
                .hasMessageStartingWith("attribute 'link.uri' is empty");
        assertThatThrownBy(() -> ModemSettings.from(with("modem.name", "my modem")))
                .hasMessageStartingWith("attribute 'modem.name' is 'my modem'");
    }

    /** A link URI that cannot be parsed is rejected with the configuration (not tried, in place of a working one). */
    @Test
    void aMalformedLinkUriIsRejected() {
        assertThatThrownBy(() -> ModemSettings.from(with("link.uri", "tcp://127.0.0.1:99999")))
                .isInstanceOf(BadAttributeException.class)
                .hasMessageStartingWith("attribute 'link.uri' is 'tcp://127.0.0.1:99999'; allowed: ");
        assertThatThrownBy(() -> ModemSettings.from(with("link.uri", "serial:/dev/ttyUSB2?baud=fast")))
                .hasMessageStartingWith("attribute 'link.uri' is 'serial:/dev/ttyUSB2?baud=fast'; allowed: ");
        assertThat(ModemSettings.from(with("link.uri", "serial:/dev/ttyUSB2?baud=921600&flow=rtscts")).linkUri())
                .isEqualTo("serial:/dev/ttyUSB2?baud=921600&flow=rtscts");
        assertThat(ModemSettings.from(with("link.uri", "/dev/ttyUSB2")).linkUri()).isEqualTo("/dev/ttyUSB2");
        // ignored while a named link is used
        Map<String, Object> named = with("link.name", "modem0");
        named.put("link.uri", "tcp://127.0.0.1:99999");
        assertThat(ModemSettings.from(named).linkName()).isEqualTo("modem0");
    }

    @Test
    void onlyLinkTimeoutsNameAndSocketOptionsNeedAReopen() {
        ModemSettings base = ModemSettings.from(Map.of());
        assertThat(ModemSettings.from(with("link.uri", "tcp://127.0.0.1:1")).needsReopenFrom(base)).isTrue();
        assertThat(ModemSettings.from(with("link.name", "x")).needsReopenFrom(base)).isTrue();
        assertThat(ModemSettings.from(with("timeout.qideact", 41)).needsReopenFrom(base)).isTrue();
        assertThat(ModemSettings.from(with("modem.name", "m2")).needsReopenFrom(base)).isTrue();
        assertThat(ModemSettings.from(with("read.chunk", 100)).needsReopenFrom(base)).isTrue();
        ModemSettings init = ModemSettings.from(with("init.commands", "ATE0"));
        assertThat(init.needsReopenFrom(base)).isFalse();
        assertThat(init.watchdogDiffersFrom(base)).isFalse();
        ModemSettings reboot = ModemSettings.from(with("reboot.failures", 5));
        assertThat(reboot.needsReopenFrom(base)).isFalse();
        assertThat(reboot.watchdogDiffersFrom(base)).isTrue();
        assertThat(ModemSettings.from(with("reopen.delay.initial", 2)).needsReopenFrom(base)).isFalse();
    }
}
