package dev.cellbridge.at;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AtTimeoutsTest {

    private final AtTimeouts defaults = AtTimeouts.defaults();

    @Test
    void theApplicationNotesMaxima() {
        assertThat(defaults.timeoutFor("AT+QIACT=1")).isEqualTo(Duration.ofSeconds(150));
        assertThat(defaults.timeoutFor("AT+QIACTEX=1,1")).isEqualTo(Duration.ofSeconds(150));
        assertThat(defaults.timeoutFor("AT+QIOPEN=1,0,\"TCP\",\"1.2.3.4\",80")).isEqualTo(Duration.ofSeconds(150));
        assertThat(defaults.timeoutFor("AT+QIDEACT=1")).isEqualTo(Duration.ofSeconds(40));
        assertThat(defaults.timeoutFor("AT+QIDEACTEX=1")).isEqualTo(Duration.ofSeconds(40));
        assertThat(defaults.timeoutFor("AT+QICLOSE=0")).isEqualTo(Duration.ofSeconds(12));
        assertThat(defaults.timeoutFor("AT+QISTATE=1,0")).isEqualTo(Duration.ofMillis(300));
        assertThat(defaults.timeoutFor("at+qistate?")).isEqualTo(Duration.ofMillis(300));
        assertThat(defaults.timeoutFor("AT+CSQ")).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.timeoutFor("ATI")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void qicloseHonoursItsOwnTimeoutPlusAMargin() {
        assertThat(defaults.timeoutFor("AT+QICLOSE=0,30")).isEqualTo(Duration.ofSeconds(32));
        assertThat(defaults.timeoutFor("AT+QICLOSE=0,0")).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.timeoutFor("AT+QICLOSE=0,x")).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void everythingIsConfigurable() {
        AtTimeouts t = defaults.with("qiact", Duration.ofSeconds(5)).withDefault(Duration.ofSeconds(3));
        assertThat(t.timeoutFor("AT+QIACT=1")).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.timeoutFor("AT+CSQ")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> defaults.with("QIACT", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QIACT");
    }

    @Test
    void commandNames() {
        assertThat(AtCommand.of("AT+QIRD=0,1500").name()).isEqualTo("QIRD");
        assertThat(AtCommand.of("AT+QIRD=0,1500").infoPrefixes()).containsExactly("+QIRD:");
        assertThat(AtCommand.of("ATI").name()).isEqualTo("I");
        assertThat(AtCommand.of("AT&D1").name()).isEqualTo("&D");
        assertThat(AtCommand.of("ATI").infoPrefixes()).isEmpty();
        assertThatThrownBy(() -> AtCommand.of("QIACT=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with AT");
        assertThatThrownBy(() -> AtCommand.of("AT\r\nAT")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR/LF");
    }
}
