package dev.cellbridge.at;

import static dev.cellbridge.at.ScriptedModem.bytes;
import static dev.cellbridge.at.ScriptedModem.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.at.ScriptedModem.Feeder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command/response and URC example of the application note's chapter 3 (and the examples
 * of chapter 2), fed byte for byte as the module sends them (CR LF around every line, §2.1.2):
 * whole, one byte per read, and split in two at every byte boundary.
 */
class SpecExamplesTest {

    private sealed interface Step {
    }

    /** A command; the module answers {@code output}. */
    private record Command(AtCommand command, String output, List<ResponseLine> lines, ResultCode result,
            List<Urc> urcs) implements Step {
    }

    /** A command with a {@code >} prompt, payload bytes written by the channel, then the module's answer. */
    private record Prompted(AtCommand command, String prompt, String wire, String after, List<ResponseLine> lines,
            ResultCode result) implements Step {
    }

    /** The module speaks unasked. */
    private record Unsolicited(String output, List<Urc> urcs) implements Step {
    }

    private static Command ok(String line, String output, Object... expectedLines) {
        return new Command(AtCommand.of(line), output, lines(expectedLines), ResultCode.OK, List.of());
    }

    private static final String OK = "\r\nOK\r\n";

    private static List<Step> script() {
        return List.of(
                // 2.3.2 example and 3.1 configure, activate, deactivate a context
                ok("AT+QICSGP=1", "\r\n+QICSGP: 1,\"\",\"\",\"\",0\r\n" + OK, "+QICSGP: 1,\"\",\"\",\"\",0"),
                ok("AT+QICSGP=1,1,\"UNINET\",\"\",\"\",0", OK),
                ok("AT+QIACT=1", OK),
                ok("AT+QIACT?", "\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK, "+QIACT: 1,1,1,\"10.7.157.1\""),
                ok("AT+QIDEACT=1", OK),
                // 3.2 TCP client in buffer access mode
                new Command(AtCommand.of("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0"),
                        OK + "\r\n+QIOPEN: 0,0\r\n", List.of(), ResultCode.OK,
                        List.of(new Urc("+QIOPEN: 0,0", null))),
                ok("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,65514,2,1,0,0,\"usbmodem\"\r\n" + OK,
                        "+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,65514,2,1,0,0,\"usbmodem\""),
                new Prompted(AtCommand.of("AT+QISEND=0").withPayload(OutgoingPayload.ctrlZ(bytes("test1"))),
                        "\r\n> ", "test1\u001a", "\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                // the same with the module echoing the data (QISDE=1, the default)
                new Prompted(AtCommand.of("AT+QISEND=0").withPayload(OutgoingPayload.ctrlZ(bytes("test1"))),
                        "\r\n> ", "test1\u001a", "test1\r\n\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                new Prompted(AtCommand.of("AT+QISEND=0,4").withPayload(OutgoingPayload.fixedLength(bytes("test"))),
                        "\r\n> ", "test", "test\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                ok("AT+QISEND=0,0", "\r\n+QISEND: 9,9,0\r\n" + OK, "+QISEND: 9,9,0"),
                new Unsolicited("\r\n+QIURC: \"recv\",0\r\n", List.of(new Urc("+QIURC: \"recv\",0", null))),
                ok("AT+QIRD=0,1500", "\r\n+QIRD: 5\r\ntest1\r\n" + OK, "+QIRD: 5", bytes("test1")),
                ok("AT+QICFG=\"recvind\",1", OK),
                new Unsolicited("\r\n+QIURC: \"recv\",0,5\r\n", List.of(new Urc("+QIURC: \"recv\",0,5", null))),
                ok("AT+QIRD=0,1500", "\r\n+QIRD: 5\r\ntest1\r\n" + OK, "+QIRD: 5", bytes("test1")),
                ok("AT+QIRD=0,1500", "\r\n+QIRD: 0\r\n" + OK, "+QIRD: 0"),
                ok("AT+QIRD=0,0", "\r\n+QIRD: 10,10,0\r\n" + OK, "+QIRD: 10,10,0"),
                ok("AT+QICLOSE=0", OK),
                // 3.4 TCP client in direct push mode
                new Command(AtCommand.of("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,1"),
                        OK + "\r\n+QIOPEN: 0,0\r\n", List.of(), ResultCode.OK,
                        List.of(new Urc("+QIOPEN: 0,0", null))),
                ok("AT+QISTATE=1,0", "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,65344,2,1,0,1,\"usbmodem\"\r\n" + OK,
                        "+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,65344,2,1,0,1,\"usbmodem\""),
                new Prompted(AtCommand.of("AT+QISEND=0").withPayload(OutgoingPayload.ctrlZ(bytes("test1"))),
                        "\r\n> ", "test1\u001a", "\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                new Prompted(AtCommand.of("AT+QISEND=0,5").withPayload(OutgoingPayload.fixedLength(bytes("test2"))),
                        "\r\n> ", "test2", "\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                ok("AT+QISEND=0,0", "\r\n+QISEND: 10,10,0\r\n" + OK, "+QISEND: 10,10,0"),
                new Unsolicited("\r\n+QIURC: \"recv\",0,4\r\ntest",
                        List.of(new Urc("+QIURC: \"recv\",0,4", bytes("test")))),
                ok("AT+QICLOSE=0", OK),
                // 3.5 TCP server in buffer access mode
                new Command(AtCommand.of("AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,0"),
                        OK + "\r\n+QIOPEN: 1,0\r\n", List.of(), ResultCode.OK,
                        List.of(new Urc("+QIOPEN: 1,0", null))),
                ok("AT+QISTATE=0,1", "\r\n+QISTATE: 1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,3,1,1,0,\"usbmodem\"\r\n" + OK,
                        "+QISTATE: 1,\"TCP LISTENER\",\"127.0.0.1\",0,2020,3,1,1,0,\"usbmodem\""),
                new Unsolicited("\r\n+QIURC: \"incoming\",11,1,\"172.31.242.222\",54091\r\n",
                        List.of(new Urc("+QIURC: \"incoming\",11,1,\"172.31.242.222\",54091", null))),
                new Unsolicited("\r\n+QIURC: \"recv\",11\r\n", List.of(new Urc("+QIURC: \"recv\",11", null))),
                ok("AT+QIRD=11,1500", "\r\n+QIRD: 4\r\ntest\r\n" + OK, "+QIRD: 4", bytes("test")),
                ok("AT+QIRD=11,1500", "\r\n+QIRD: 0\r\n" + OK, "+QIRD: 0"),
                ok("AT+QIRD=11,0", "\r\n+QIRD: 4,4,0\r\n" + OK, "+QIRD: 4,4,0"),
                ok("AT+QICLOSE=11", OK),
                ok("AT+QICLOSE=1", OK),
                // 3.6 UDP service
                new Command(AtCommand.of("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,0"),
                        OK + "\r\n+QIOPEN: 2,0\r\n", List.of(), ResultCode.OK,
                        List.of(new Urc("+QIOPEN: 2,0", null))),
                ok("AT+QISTATE=0,1", "\r\n+QISTATE: 2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,2,1,2,0,\"usbmodem\"\r\n" + OK,
                        "+QISTATE: 2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,2,1,2,0,\"usbmodem\""),
                new Prompted(AtCommand.of("AT+QISEND=2,10,\"10.7.89.10\",6969")
                        .withPayload(OutgoingPayload.fixedLength(bytes("1234567890"))),
                        "\r\n>", "1234567890", "\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                new Unsolicited("\r\n+QIURC: \"recv\",2\r\n", List.of(new Urc("+QIURC: \"recv\",2", null))),
                ok("AT+QIRD=2", "\r\n+QIRD: 4,\"10.7.76.34\",7687\r\nAAAA\r\n" + OK,
                        "+QIRD: 4,\"10.7.76.34\",7687", bytes("AAAA")),
                ok("AT+QIRD=2", "\r\n+QIRD: 0\r\n" + OK, "+QIRD: 0"),
                new Prompted(AtCommand.of("AT+QISEND=2,10,\"10.7.76.34\",7687")
                        .withPayload(OutgoingPayload.fixedLength(bytes("1234567890"))),
                        "\r\n>", "1234567890", "\r\nSEND OK\r\n", List.of(), ResultCode.SEND_OK),
                ok("AT+QICLOSE=2", OK),
                // 3.7 ping: OK first, then the replies and the summary as URCs
                new Command(AtCommand.of("AT+QPING=1,\"www.baidu.com\""),
                        OK + "\r\n+QPING: 0,\"61.135.169.125\",32,192,255\r\n"
                                + "\r\n+QPING: 0,\"61.135.169.125\",32,240,255\r\n"
                                + "\r\n+QPING: 0,\"61.135.169.125\",32,241,255\r\n"
                                + "\r\n+QPING: 0,\"61.135.169.125\",32,479,255\r\n"
                                + "\r\n+QPING: 0,4,4,0,192,479,288\r\n",
                        List.of(), ResultCode.OK,
                        List.of(new Urc("+QPING: 0,\"61.135.169.125\",32,192,255", null),
                                new Urc("+QPING: 0,\"61.135.169.125\",32,240,255", null),
                                new Urc("+QPING: 0,\"61.135.169.125\",32,241,255", null),
                                new Urc("+QPING: 0,\"61.135.169.125\",32,479,255", null),
                                new Urc("+QPING: 0,4,4,0,192,479,288", null))),
                // 3.8 the last error code
                new Command(AtCommand.of("AT+QIOPEN=1,\"TCP\",\"220.180.239.212\",8009,0,1"), "\r\nERROR\r\n",
                        List.of(), ResultCode.ERROR, List.of()),
                ok("AT+QIGETERROR", "\r\n+QIGETERROR: 552, invalid parameters\r\n" + OK,
                        "+QIGETERROR: 552, invalid parameters"));
    }

    @Test
    void everyExampleWhole() throws Exception {
        runScript(step -> Feeder.WHOLE);
    }

    @Test
    void everyExampleOneBytePerRead() throws Exception {
        runScript(step -> Feeder.BYTEWISE);
    }

    @Test
    void everyExampleSplitAtEveryByteBoundary() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            for (Step step : script()) {
                int length = step instanceof Command c ? c.output().length()
                        : step instanceof Prompted p ? p.after().length()
                        : ((Unsolicited) step).output().length();
                for (int k = 1; k < length; k++) {
                    run(modem, step, Feeder.splitAt(k), false);
                }
            }
            modem.assertNoMoreUrcs();
            assertThat(modem.channel.statistics().strayResults()).isZero();
        }
    }

    private void runScript(java.util.function.Function<Step, Feeder> feeders) throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            for (Step step : script()) {
                run(modem, step, feeders.apply(step), true);
            }
            modem.assertNoMoreUrcs();
            assertThat(modem.channel.statistics().strayResults()).isZero();
            assertThat(modem.channel.statistics().overlongLines()).isZero();
        }
    }

    /** Runs one step; with {@code quiet}, also checks that nothing else was reported. */
    private void run(ScriptedModem modem, Step step, Feeder feeder, boolean quiet) throws Exception {
        if (step instanceof Command c) {
                AtResponse r = modem.exchange(c.command(), bytes(c.output()), feeder);
                assertThat(r.result().code()).as(c.command().line()).isEqualTo(c.result());
                assertThat(r.lines()).as(c.command().line()).containsExactlyElementsOf(c.lines());
                for (Urc expected : c.urcs()) {
                    assertThat(modem.nextUrc()).as("URC after " + c.command().line()).isEqualTo(expected);
                }
        } else if (step instanceof Prompted p) {
                AtResponse r = modem.promptExchange(p.command(), bytes(p.prompt()), bytes(p.wire()),
                        bytes(p.after()), feeder);
                assertThat(r.result().code()).as(p.command().line()).isEqualTo(p.result());
                assertThat(r.lines()).as(p.command().line()).containsExactlyElementsOf(p.lines());
        } else {
                Unsolicited u = (Unsolicited) step;
                feeder.accept(modem.link, bytes(u.output()));
                for (Urc expected : u.urcs()) {
                    assertThat(modem.nextUrc()).isEqualTo(expected);
                }
        }
        if (quiet) {
            modem.assertNoMoreUrcs();
        }
    }
}
