package dev.cellbridge.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
        assertThat(options.help()).isFalse();
    }

    @Test
    void takesEveryOptionWithSeparateOrInlineValues() throws Exception {
        GatewayOptions options = GatewayOptions.parse(
            List.of("--config", "conf", "--port=tcp://127.0.0.1:7000", "--mqtt", "tcp://127.0.0.1:1883", "--shell"));
        assertThat(options).isEqualTo(new GatewayOptions(Optional.of(Path.of("conf")), "tcp://127.0.0.1:7000",
            Optional.of("tcp://127.0.0.1:1883"), Shell.ON, false));
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
    }

    private static void assertUsageError(List<String> args, String message) {
        assertThatThrownBy(() -> GatewayOptions.parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
