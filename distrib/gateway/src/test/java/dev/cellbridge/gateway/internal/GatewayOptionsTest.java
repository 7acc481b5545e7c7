package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.cellbridge.gateway.internal.GatewayOptions.Shell;
import dev.cellbridge.gateway.internal.GatewayOptions.UsageException;

class GatewayOptionsTest {

    @Test
    void defaultsAreTheSimulatorNoBrokerNoConfigAndAShellOnlyOnATerminal() throws Exception {
        GatewayOptions options = GatewayOptions.parse(List.of());
        assertThat(options.port()).isEqualTo("sim:");
        assertThat(options.mqtt()).isEmpty();
        assertThat(options.configDir()).isEmpty();
        assertThat(options.shell()).isEqualTo(Shell.AUTO);
        assertThat(options.runFor()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void takesEveryOptionWithSeparateOrInlineValues() throws Exception {
        GatewayOptions options = GatewayOptions.parse(
            List.of("--config", "conf", "--port=tcp://127.0.0.1:7000", "--mqtt", "tcp://127.0.0.1:1883", "--shell",
                "--run-for", "30"));
        assertThat(options).isEqualTo(new GatewayOptions(Optional.of(Path.of("conf")), "tcp://127.0.0.1:7000",
            Optional.of("tcp://127.0.0.1:1883"), Shell.ON, Optional.of(Duration.ofSeconds(30)), false));
        assertThat(GatewayOptions.parse(List.of("--run-for=86400")).runFor()).contains(Duration.ofDays(1));
        assertThat(GatewayOptions.parse(List.of("--no-shell")).shell()).isEqualTo(Shell.OFF);
        assertThat(GatewayOptions.parse(List.of("-h")).help()).isTrue();
    }

    @Test
    void aPortValueMayContainEqualsSigns() throws Exception {
        assertThat(GatewayOptions.parse(List.of("--port=serial:/dev/ttyUSB2?baud=921600")).port())
            .isEqualTo("serial:/dev/ttyUSB2?baud=921600");
    }

    @Test
    void errorsNameTheOffendingArgument() {
        assertUsageError(List.of("--bogus"), "unknown option --bogus");
        assertUsageError(List.of("extra"), "unexpected argument 'extra' (the gateway takes options only)");
        assertUsageError(List.of("--port"), "--port needs a value");
        assertUsageError(List.of("--mqtt="), "--mqtt needs a non-empty value");
        assertUsageError(List.of("--config", "a", "--config", "b"), "--config given twice");
        assertUsageError(List.of("--shell", "--no-shell"), "--shell and --no-shell exclude each other");
        assertUsageError(List.of("--shell=yes"), "--shell takes no value");
        assertUsageError(List.of("--run-for", "0"), "--run-for 0 is out of range 1-86400");
        assertUsageError(List.of("--run-for", "86401"), "--run-for 86401 is out of range 1-86400");
        assertUsageError(List.of("--run-for", "1.5"), "--run-for 1.5: not a whole number of seconds");
        assertUsageError(List.of("--run-for", "1", "--run-for", "2"), "--run-for given twice");
    }

    private static void assertUsageError(List<String> args, String message) {
        assertThatThrownBy(() -> GatewayOptions.parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
