package dev.cellbridge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cellbridge.serial.LinkSettings.FlowControl;
import dev.cellbridge.serial.LinkSettings.Parity;
import dev.cellbridge.serial.LinkSettings.StopBits;
import dev.cellbridge.serial.SerialLinkException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkUriTest {

    @Test
    void plainDevicePathTakesDefaults() throws Exception {
        assertThat(LinkUri.parse("/dev/ttyUSB2")).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2", LinkSettings.DEFAULT));
        assertThat(LinkUri.parse("COM3")).isEqualTo(new LinkUri.Serial("COM3", LinkSettings.DEFAULT));
        assertThat(LinkUri.parse("  /dev/serial/by-id/usb-Quectel_RM500U-CN:1.0-if02 "))
                .isEqualTo(new LinkUri.Serial("/dev/serial/by-id/usb-Quectel_RM500U-CN:1.0-if02", LinkSettings.DEFAULT));
    }

    @Test
    void defaultsAre115200EightNoneOneWithoutFlowControl() {
        assertThat(LinkSettings.DEFAULT).isEqualTo(new LinkSettings(115_200, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE));
        assertThat(LinkSettings.DEFAULT).hasToString("115200 8N1");
    }

    @Test
    void serialUriWithoutParametersTakesDefaults() throws Exception {
        assertThat(LinkUri.parse("serial:/dev/ttyUSB2")).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2", LinkSettings.DEFAULT));
        assertThat(LinkUri.parse("serial:///dev/ttyUSB2")).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2", LinkSettings.DEFAULT));
        assertThat(LinkUri.parse("SERIAL:COM3")).isEqualTo(new LinkUri.Serial("COM3", LinkSettings.DEFAULT));
        assertThat(LinkUri.parse("serial:/dev/ttyUSB2?")).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2", LinkSettings.DEFAULT));
    }

    @Test
    void serialUriWithEveryParameter() throws Exception {
        LinkUri uri = LinkUri.parse("serial:/dev/ttyUSB2?baud=921600&databits=7&parity=even&stopbits=2&flow=rtscts");
        assertThat(uri).isEqualTo(new LinkUri.Serial("/dev/ttyUSB2",
                new LinkSettings(921_600, 7, Parity.EVEN, StopBits.TWO, FlowControl.RTSCTS)));
    }

    @ParameterizedTest
    @CsvSource({
        "baud=50, 50 8N1",
        "baud=16000000, 16000000 8N1",
        "baud=9600, 9600 8N1",
        "databits=5, 115200 5N1",
        "databits=6, 115200 6N1",
        "databits=7, 115200 7N1",
        "databits=8, 115200 8N1",
        "parity=none, 115200 8N1",
        "parity=even, 115200 8E1",
        "parity=odd, 115200 8O1",
        "parity=mark, 115200 8M1",
        "parity=space, 115200 8S1",
        "parity=ODD, 115200 8O1",
        "stopbits=1, 115200 8N1",
        "stopbits=1.5, 115200 8N1.5",
        "stopbits=2, 115200 8N2",
        "flow=none, 115200 8N1",
        "flow=rtscts, 115200 8N1 rtscts",
        "flow=xonxoff, 115200 8N1 xonxoff",
        "Flow=XonXoff, 115200 8N1 xonxoff",
        "BAUD=4800, 4800 8N1",
    })
    void eachParameterValue(String parameter, String expected) throws Exception {
        LinkUri.Serial uri = (LinkUri.Serial) LinkUri.parse("serial:/dev/ttyS0?" + parameter);
        assertThat(uri.settings()).hasToString(expected);
        assertThat(uri.device()).isEqualTo("/dev/ttyS0");
    }

    @Test
    void uriParametersWinOverGivenDefaults() throws Exception {
        LinkSettings defaults = new LinkSettings(9600, 7, Parity.ODD, StopBits.TWO, FlowControl.XONXOFF);
        assertThat(LinkUri.parse("serial:/dev/ttyS0?baud=921600&flow=none", defaults)).isEqualTo(new LinkUri.Serial(
                "/dev/ttyS0", new LinkSettings(921_600, 7, Parity.ODD, StopBits.TWO, FlowControl.NONE)));
        assertThat(LinkUri.parse("/dev/ttyS0", defaults)).isEqualTo(new LinkUri.Serial("/dev/ttyS0", defaults));
    }

    @Test
    void tcpUris() throws Exception {
        assertThat(LinkUri.parse("tcp://127.0.0.1:7000")).isEqualTo(new LinkUri.Tcp("127.0.0.1", 7000, 10_000));
        assertThat(LinkUri.parse("tcp://localhost:1/")).isEqualTo(new LinkUri.Tcp("localhost", 1));
        assertThat(LinkUri.parse("tcp://[::1]:65535")).isEqualTo(new LinkUri.Tcp("::1", 65_535));
        assertThat(LinkUri.parse("TCP://ser2net.local:3001?connecttimeout=2500"))
                .isEqualTo(new LinkUri.Tcp("ser2net.local", 3001, 2500));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/dev/ttyUSB2", "COM3", "serial:/dev/ttyACM0?baud=921600&databits=7&parity=mark&stopbits=1.5&flow=xonxoff",
        "tcp://127.0.0.1:7000", "tcp://[::1]:7000", "tcp://example.org:7000?connecttimeout=1"})
    void canonicalFormParsesBackToTheSameValue(String text) throws Exception {
        LinkUri uri = LinkUri.parse(text);
        assertThat(LinkUri.parse(uri.toUri())).isEqualTo(uri);
    }

    @Test
    void canonicalForms() throws Exception {
        assertThat(LinkUri.parse("/dev/ttyUSB2").toUri())
                .isEqualTo("serial:/dev/ttyUSB2?baud=115200&databits=8&parity=none&stopbits=1&flow=none");
        assertThat(LinkUri.parse("tcp://[::1]:7000").toUri()).isEqualTo("tcp://[::1]:7000");
        assertThat(LinkUri.parse("tcp://h:7000?connecttimeout=5").toUri()).isEqualTo("tcp://h:7000?connecttimeout=5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "serial:/dev/ttyS0?speed=9600 | serial:/dev/ttyS0?speed=9600: unknown parameter 'speed' (known: baud, databits, parity, stopbits, flow)",
        "serial:/dev/ttyS0?baud=fast | serial:/dev/ttyS0?baud=fast: bad value 'fast' for parameter 'baud' (expected an integer from 50 to 16000000)",
        "serial:/dev/ttyS0?baud=49 | serial:/dev/ttyS0?baud=49: bad value '49' for parameter 'baud' (expected an integer from 50 to 16000000)",
        "serial:/dev/ttyS0?baud=16000001 | serial:/dev/ttyS0?baud=16000001: bad value '16000001' for parameter 'baud' (expected an integer from 50 to 16000000)",
        "serial:/dev/ttyS0?baud=-9600 | serial:/dev/ttyS0?baud=-9600: bad value '-9600' for parameter 'baud' (expected an integer from 50 to 16000000)",
        "serial:/dev/ttyS0?databits=9 | serial:/dev/ttyS0?databits=9: bad value '9' for parameter 'databits' (expected 5, 6, 7 or 8)",
        "serial:/dev/ttyS0?databits=4 | serial:/dev/ttyS0?databits=4: bad value '4' for parameter 'databits' (expected 5, 6, 7 or 8)",
        "serial:/dev/ttyS0?parity=e | serial:/dev/ttyS0?parity=e: bad value 'e' for parameter 'parity' (expected none, even, odd, mark or space)",
        "serial:/dev/ttyS0?stopbits=3 | serial:/dev/ttyS0?stopbits=3: bad value '3' for parameter 'stopbits' (expected 1, 1.5 or 2)",
        "serial:/dev/ttyS0?stopbits=one | serial:/dev/ttyS0?stopbits=one: bad value 'one' for parameter 'stopbits' (expected 1, 1.5 or 2)",
        "serial:/dev/ttyS0?flow=hardware | serial:/dev/ttyS0?flow=hardware: bad value 'hardware' for parameter 'flow' (expected none, rtscts or xonxoff)",
        "serial:/dev/ttyS0?baud | serial:/dev/ttyS0?baud: parameter 'baud' has no value (write baud=<value>)",
        "serial:/dev/ttyS0?baud= | serial:/dev/ttyS0?baud=: parameter 'baud' has no value (write baud=<value>)",
        "serial:/dev/ttyS0?=9600 | serial:/dev/ttyS0?=9600: parameter without a name: '=9600'",
        "serial:/dev/ttyS0?baud=9600&baud=4800 | serial:/dev/ttyS0?baud=9600&baud=4800: parameter 'baud' given twice",
        "serial:?baud=9600 | serial:?baud=9600: no device path after 'serial:' (e.g. serial:/dev/ttyUSB2?baud=115200)",
        "serial: | serial:: no device path after 'serial:' (e.g. serial:/dev/ttyUSB2?baud=115200)",
        "udp://127.0.0.1:7000 | udp://127.0.0.1:7000: unsupported scheme 'udp:' (expected a device path, serial:<path>?... or tcp://host:port)",
        "rfc2217://host:7000 | rfc2217://host:7000: unsupported scheme 'rfc2217:' (expected a device path, serial:<path>?... or tcp://host:port)",
        "tcp://127.0.0.1 | tcp://127.0.0.1: missing port (expected tcp://host:port)",
        "tcp:127.0.0.1:7000 | tcp:127.0.0.1:7000: expected tcp://host:port",
        "tcp://:7000 | tcp://:7000: missing or invalid host (expected tcp://host:port)",
        "tcp://127.0.0.1:0 | tcp://127.0.0.1:0: port 0 out of range 1..65535",
        "tcp://127.0.0.1:70000 | tcp://127.0.0.1:70000: port 70000 out of range 1..65535",
        "tcp://127.0.0.1:7000/x | tcp://127.0.0.1:7000/x: unexpected path '/x' (expected tcp://host:port)",
        "tcp://user@127.0.0.1:7000 | tcp://user@127.0.0.1:7000: user information is not supported in a tcp URI (expected tcp://host:port)",
        "tcp://127.0.0.1:7000#x | tcp://127.0.0.1:7000#x: unexpected fragment '#x'",
        "tcp://127.0.0.1:7000?baud=9600 | tcp://127.0.0.1:7000?baud=9600: parameter 'baud' does not apply to tcp links (line settings belong to the serial server, e.g. ser2net)",
        "tcp://127.0.0.1:7000?timeout=5 | tcp://127.0.0.1:7000?timeout=5: unknown parameter 'timeout' for tcp links (known: connecttimeout)",
        "tcp://127.0.0.1:7000?connecttimeout=0 | tcp://127.0.0.1:7000?connecttimeout=0: bad value '0' for parameter 'connecttimeout' (expected milliseconds from 1 to 600000)",
        "tcp://127.0.0.1:7000?connecttimeout=soon | tcp://127.0.0.1:7000?connecttimeout=soon: bad value 'soon' for parameter 'connecttimeout' (expected milliseconds from 1 to 600000)",
    })
    void badUrisNameTheUriAndTheProblem(String text, String message) {
        SerialLinkException e = catchThrowableOfType(SerialLinkException.class, () -> LinkUri.parse(text));
        assertThat(e).hasMessage(message);
        assertThat(e.reason()).isEqualTo(Reason.BAD_URI);
        assertThat(e.port()).isEqualTo(text);
    }

    @Test
    void invalidTcpSyntaxIsReported() {
        assertThatThrownBy(() -> LinkUri.parse("tcp://bad host:7000"))
                .isInstanceOf(SerialLinkException.class)
                .hasMessageStartingWith("tcp://bad host:7000: not a valid tcp URI (Illegal character in authority")
                .hasMessageEndingWith("; expected tcp://host:port)");
    }

    @Test
    void emptyUriIsReported() {
        assertThatThrownBy(() -> LinkUri.parse("  "))
                .isInstanceOf(SerialLinkException.class)
                .hasMessage("  : empty link URI (expected a device path, serial:<path>?... or tcp://host:port)");
    }

    @Test
    void openingABadUriFailsWithTheSameMessage() {
        assertThatThrownBy(() -> SerialLinks.open("serial:/dev/ttyS0?baud=fast"))
                .isInstanceOf(SerialLinkException.class)
                .hasMessage("serial:/dev/ttyS0?baud=fast: bad value 'fast' for parameter 'baud' (expected an integer from 50 to 16000000)");
    }

    @Test
    void settingsRecordRejectsOutOfRangeValues() {
        assertThatThrownBy(() -> LinkSettings.DEFAULT.withBaud(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baud 0 out of range 50..16000000");
        assertThatThrownBy(() -> LinkSettings.DEFAULT.withDataBits(9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data bits 9 out of range 5..8");
        assertThatThrownBy(() -> new LinkUri.Tcp("h", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkUri.Serial(" ", LinkSettings.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }
}
