package dev.cellbridge.cli.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    @Test
    void noHostNoProbeAndEveryModem() {
        assertThat(ConsoleSettings.from(Map.of())).isEqualTo(new ConsoleSettings(Optional.empty(), Optional.empty()));
        assertThat(ConsoleSettings.from(Map.of("probe.host", " ", "modem.name", ""))).isEqualTo(
            new ConsoleSettings(Optional.empty(), Optional.empty()));
    }

    @Test
    void aProbeTakesTheMetatypeDefaultsForWhatIsMissing() {
        assertThat(ConsoleSettings.from(Map.of("probe.host", "echo.example.com")).probe()).contains(
            new ConsoleSettings.Probe("echo.example.com", 7, 5, 1));
    }

    @Test
    void numbersMayComeAsStringsFromFiles() {
        assertThat(ConsoleSettings.from(Map.of("probe.host", "220.180.239.212", "probe.port", "8009",
            "probe.interval", 3L, "probe.context", " 2 ", "modem.name", "lte")))
            .isEqualTo(new ConsoleSettings(Optional.of("lte"),
                Optional.of(new ConsoleSettings.Probe("220.180.239.212", 8009, 3, 2))));
    }

    @Test
    void aBadValueIsRejectedNamingThePropertyAndItsRange() {
        assertThatThrownBy(() -> ConsoleSettings.from(Map.of("probe.port", 0)))
            .hasMessage("property 'probe.port' is 0 (expected 1 to 65535)");
        assertThatThrownBy(() -> ConsoleSettings.from(Map.of("probe.interval", "often")))
            .hasMessage("property 'probe.interval' is 'often', not a number (expected 1 to 3600)");
        assertThatThrownBy(() -> ConsoleSettings.from(Map.of("probe.context", 6)))
            .hasMessage("property 'probe.context' is 6 (expected 1 to 5)");
        assertThatThrownBy(() -> ConsoleSettings.from(Map.of("probe.host", "a b")))
            .hasMessageStartingWith("property 'probe.host' must be an IP address or domain name");
    }
}
