package dev.cellbridge.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.serial.LinkSettings;
import dev.cellbridge.serial.LinkSettings.FlowControl;
import dev.cellbridge.serial.LinkSettings.Parity;
import dev.cellbridge.serial.LinkSettings.StopBits;
import dev.cellbridge.serial.LinkUri;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentSettingsTest {

    private static Map<String, Object> properties(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void onlyTheUriGivenTakesTheMetatypeDefaults() {
        ComponentSettings settings = ComponentSettings.from(properties("uri", "/dev/ttyUSB2"));
        assertThat(settings.uri()).isEqualTo("/dev/ttyUSB2");
        assertThat(settings.name()).isEqualTo("/dev/ttyUSB2");
        assertThat(settings.target()).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2", LinkSettings.DEFAULT));
        assertThat(settings.backoff()).isEqualTo(new Backoff(1_000, 60_000));
    }

    @Test
    void attributesApplyToWhatTheUriLeavesOut() {
        ComponentSettings settings = ComponentSettings.from(properties(
                "uri", "serial:/dev/ttyUSB2?baud=921600&flow=none",
                "baud", 9600, "dataBits", 7, "parity", "even", "stopBits", "2", "flowControl", "rtscts"));
        assertThat(settings.target()).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2",
                new LinkSettings(921_600, 7, Parity.EVEN, StopBits.TWO, FlowControl.NONE)));
    }

    @Test
    void attributesApplyToAPlainDevicePath() {
        ComponentSettings settings = ComponentSettings.from(properties(
                "uri", "/dev/ttyACM0", "baud", 460_800, "dataBits", 8, "parity", "odd", "stopBits", "1.5",
                "flowControl", "xonxoff"));
        assertThat(settings.target()).isEqualTo(new LinkUri.Serial("/dev/ttyACM0",
                new LinkSettings(460_800, 8, Parity.ODD, StopBits.ONE_POINT_FIVE, FlowControl.XONXOFF)));
    }

    @Test
    void valuesMayArriveAsStringsOrLongs() {
        ComponentSettings settings = ComponentSettings.from(properties(
                "uri", "/dev/ttyS0", "baud", "57600", "dataBits", 6L, "reopenInitialDelayMs", "250",
                "reopenMaxDelayMs", 5_000));
        assertThat(((LinkUri.Serial) settings.target()).settings()).isEqualTo(LinkSettings.DEFAULT.withBaud(57_600).withDataBits(6));
        assertThat(settings.backoff()).isEqualTo(new Backoff(250, 5_000));
    }

    @Test
    void tcpUriIgnoresLineAttributes() {
        ComponentSettings settings = ComponentSettings.from(properties("uri", "tcp://127.0.0.1:7000", "baud", 9600));
        assertThat(settings.target()).isEqualTo(new LinkUri.Tcp("127.0.0.1", 7000));
    }

    @Test
    void nameIsTheKuraPidElseTheServicePidElseTheUri() {
        assertThat(ComponentSettings.from(properties("uri", "COM3", "service.pid", "pid.1", "kura.service.pid", "modem0")).name())
                .isEqualTo("modem0");
        assertThat(ComponentSettings.from(properties("uri", "COM3", "service.pid", "pid.1")).name()).isEqualTo("pid.1");
        assertThat(ComponentSettings.from(properties("uri", "COM3")).name()).isEqualTo("COM3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "uri= | property 'uri' is required (a device path, serial:<path>?... or tcp://host:port)",
        "baud=fast | property 'baud' is 'fast', not an integer",
        "baud=10 | property 'baud' is 10 (expected 50 to 16000000)",
        "baud=99999999999 | property 'baud' is 99999999999 (expected 50 to 16000000)",
        "dataBits=9 | property 'dataBits' is 9 (expected 5 to 8)",
        "dataBits=4 | property 'dataBits' is 4 (expected 5 to 8)",
        "parity=e | property 'parity' is 'e' (expected none, even, odd, mark or space)",
        "stopBits=3 | property 'stopBits' is '3' (expected 1, 1.5 or 2)",
        "flowControl=cts | property 'flowControl' is 'cts' (expected none, rtscts or xonxoff)",
        "reopenInitialDelayMs=5 | property 'reopenInitialDelayMs' is 5; it must be at least 10",
        "reopenMaxDelayMs=500 | property 'reopenMaxDelayMs' (500) must be at least 'reopenInitialDelayMs' (1000)",
        "uri=serial:/dev/x?parity=x | bad property 'uri': serial:/dev/x?parity=x: bad value 'x' for parameter 'parity' (expected none, even, odd, mark or space)",
    })
    void badValuesAreRejectedNamingTheProperty(String assignment, String message) {
        Map<String, Object> map = properties("uri", "/dev/ttyS0");
        String[] kv = assignment.split("=", 2);
        map.put(kv[0], kv[1]);
        assertThatThrownBy(() -> ComponentSettings.from(map)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void missingUriIsRejected() {
        assertThatThrownBy(() -> ComponentSettings.from(properties("baud", 9600)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property 'uri' is required (a device path, serial:<path>?... or tcp://host:port)");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff backoff = new Backoff(1_000, 60_000);
        long delay = backoff.initialMs();
        StringBuilder delays = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            delays.append(delay).append(' ');
            delay = backoff.next(delay);
        }
        assertThat(delays.toString().strip()).isEqualTo("1000 2000 4000 8000 16000 32000 60000 60000 60000");
        assertThat(new Backoff(50, 200).next(150)).isEqualTo(200);
        assertThatThrownBy(() -> new Backoff(100, 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
