package dev.cellbridge.at;

import static dev.cellbridge.at.ScriptedModem.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link AtChannel#executeSequence}: commands back to back, one in flight, the next written by the reader. */
class CommandSequenceTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String SEND_OK = "\r\nSEND OK\r\n";
    private static final Set<ResultCode> ON_SEND_OK = Set.of(ResultCode.SEND_OK);

    /** The module prompts for the payload in flight, takes it (as the channel writes it) and answers. */
    private static void prompted(ScriptedModem modem, String payload, String answer) throws InterruptedException {
        modem.link.feed("\r\n> ");
        modem.link.awaitWritten(payload);
        modem.link.feed(answer);
    }

    private static AtCommand send(String data) {
        return AtCommand.of("AT+QISEND=0," + data.length()).withPayload(OutgoingPayload.fixedLength(bytes(data)));
    }

    @Test
    void eachNextCommandIsWrittenByTheReaderAsTheOneBeforeEnds() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> f = modem.startSequence(List.of(send("abc"), send("defg"), send("h")),
                    ON_SEND_OK);
            prompted(modem, "abc", SEND_OK);
            modem.link.awaitWritten("AT+QISEND=0,4\r");
            prompted(modem, "defg", SEND_OK);
            modem.link.awaitWritten("AT+QISEND=0,1\r");
            prompted(modem, "h", SEND_OK);

            List<AtResponse> responses = f.get(5, TimeUnit.SECONDS);
            assertThat(responses).extracting(r -> r.result().code()).containsExactly(ResultCode.SEND_OK,
                    ResultCode.SEND_OK, ResultCode.SEND_OK);
            assertThat(responses).extracting(AtResponse::command).containsExactly("AT+QISEND=0,3", "AT+QISEND=0,4",
                    "AT+QISEND=0,1");
            // no round trip through the caller between two commands
            assertThat(modem.link.writerOf("AT+QISEND=0,4\r")).startsWith("cellbridge-at-reader-");
            assertThat(modem.link.writerOf("AT+QISEND=0,1\r")).startsWith("cellbridge-at-reader-");
            assertThat(modem.channel.statistics().commands()).isEqualTo(3);
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(50));
        }
    }

    @Test
    void theSequenceStopsAtTheFirstResultThatDoesNotProceed() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> f = modem.startSequence(List.of(send("a"), send("b"), send("c")), ON_SEND_OK);
            prompted(modem, "a", SEND_OK);
            modem.link.awaitWritten("AT+QISEND=0,1\r");
            prompted(modem, "b", "\r\nSEND FAIL\r\n");

            List<AtResponse> responses = f.get(5, TimeUnit.SECONDS);
            assertThat(responses).extracting(r -> r.result().code()).containsExactly(ResultCode.SEND_OK,
                    ResultCode.SEND_FAIL);
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(100)); // "c" was never sent

            // the channel goes on as usual
            assertThat(modem.exchange("AT+CSQ", "\r\n+CSQ: 20,99\r\n" + OK).texts()).containsExactly("+CSQ: 20,99");
        }
    }

    @Test
    void aCallerWaitingForTheChannelGoesBetweenTwoCommandsOfASequence() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> sequence = modem.startSequence(
                    List.of(AtCommand.of("AT+QIDNSCFG=1"), AtCommand.of("AT+QIDNSCFG=2")), Set.of(ResultCode.OK));
            Thread[] other = new Thread[1];
            AtResponse[] otherResponse = new AtResponse[1];
            other[0] = new Thread(() -> {
                try {
                    otherResponse[0] = modem.channel.execute("AT+CSQ");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "test-other-caller");
            other[0].start();
            // bounded: the other caller is queued for the channel once it parks
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (other[0].getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(other[0].getState()).isEqualTo(Thread.State.WAITING);

            modem.link.feed(OK);
            modem.link.awaitWritten("AT+CSQ\r"); // its turn comes before the sequence's second command
            modem.link.feed("\r\n+CSQ: 20,99\r\n" + OK);
            modem.link.awaitWritten("AT+QIDNSCFG=2\r");
            modem.link.feed(OK);

            assertThat(sequence.get(5, TimeUnit.SECONDS)).extracting(AtResponse::command)
                    .containsExactly("AT+QIDNSCFG=1", "AT+QIDNSCFG=2");
            other[0].join(5000);
            assertThat(otherResponse[0].texts()).containsExactly("+CSQ: 20,99");
        }
    }

    @Test
    void eachCommandsTimeoutRunsFromItsOwnStart() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withName("test")
                .withResyncQuiet(Duration.ofMillis(50)))) {
            Duration timeout = Duration.ofMillis(1500);
            Future<List<AtResponse>> f = modem.startSequence(List.of(AtCommand.of("AT+QPING=1").withTimeout(timeout),
                    AtCommand.of("AT+QPING=2").withTimeout(timeout), AtCommand.of("AT+QPING=3").withTimeout(timeout)),
                    Set.of(ResultCode.OK));
            // the sequence takes longer than one timeout, no command does
            Thread.sleep(1000);
            modem.link.feed(OK);
            modem.link.awaitWritten("AT+QPING=2\r");
            Thread.sleep(1000);
            modem.link.feed(OK);
            modem.link.awaitWritten("AT+QPING=3\r");
            // the third is never answered: its own timeout ends the sequence, naming it
            // the two before it completed: the failure carries their responses
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(AtSequenceException.class, e -> {
                        assertThat(e.completed()).extracting(AtResponse::command)
                                .containsExactly("AT+QPING=1", "AT+QPING=2");
                        assertThat(e.getCause()).isInstanceOf(AtTimeoutException.class)
                                .hasMessage("no final result for AT+QPING=3 within 1500 ms");
                    });
            assertThat(modem.channel.statistics().timeouts()).isEqualTo(1);

            // the next command resynchronizes first, as after any timeout
            assertThat(modem.exchangeAfterResync("AT+CSQ", "\r\n+CSQ: 20,99\r\n" + OK).texts())
                    .containsExactly("+CSQ: 20,99");
        }
    }

    @Test
    void aMissingPromptInASequenceIsEscapedAndNamesTheCommand() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> f = modem.startSequence(
                    List.of(send("ab"), send("cde").withTimeout(Duration.ofMillis(200))), ON_SEND_OK);
            prompted(modem, "ab", SEND_OK);
            modem.link.awaitWritten("AT+QISEND=0,3\r");
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(AtSequenceException.class, e -> {
                        assertThat(e.completed()).hasSize(1);
                        assertThat(e.getCause()).isInstanceOf(AtTimeoutException.class)
                                .hasMessage("no > prompt for AT+QISEND=0,3 within 200 ms");
                    });
            modem.link.awaitWritten(new byte[] {OutgoingPayload.ESC});
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(50)); // no payload byte after the Esc
        }
    }

    @Test
    void theSequenceNeverGoesOnAfterConnect() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> f = modem.startSequence(
                    List.of(AtCommand.of("AT+QIOPEN=1,0,\"TCP\",\"1.2.3.4\",80,0,2"), AtCommand.of("AT+CSQ")),
                    Set.of(ResultCode.CONNECT, ResultCode.OK));
            modem.link.feed("\r\nCONNECT\r\n");
            List<AtResponse> responses = f.get(5, TimeUnit.SECONDS);
            assertThat(responses).extracting(r -> r.result().code()).containsExactly(ResultCode.CONNECT);
            assertThat(responses.get(0).dataSession()).isNotNull();
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(100)); // AT+CSQ would have been data
        }
    }

    @Test
    void aLinkLostDuringASequenceFailsItWithTheCommandInFlight() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> f = modem.startSequence(List.of(AtCommand.of("AT+QIDNSCFG=1"),
                    AtCommand.of("AT+QIDNSCFG=2")), Set.of(ResultCode.OK));
            modem.link.feed(OK);
            modem.link.awaitWritten("AT+QIDNSCFG=2\r");
            modem.link.hangUp(new java.io.IOException("cable pulled"));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AtSequenceException.class)
                    .cause().isInstanceOf(AtLinkClosedException.class).hasMessageContaining("AT+QIDNSCFG=2");
        }
    }

    @Test
    void aFirstCommandThatFailsThrowsAsExecuteWould() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<List<AtResponse>> f = modem.startSequence(List.of(AtCommand.of("AT+QIDNSCFG=1")
                    .withTimeout(Duration.ofMillis(100)), AtCommand.of("AT+QIDNSCFG=2")), Set.of(ResultCode.OK));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isExactlyInstanceOf(AtTimeoutException.class)
                    .hasMessage("no final result for AT+QIDNSCFG=1 within 100 ms");
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(100)); // the second was never sent
        }
    }

    @Test
    void aCommandCancelledAtItsPromptCannotBePartOfASequence() {
        try (ScriptedModem modem = new ScriptedModem()) {
            assertThatThrownBy(() -> modem.channel.executeSequence(
                    List.of(send("a"), AtCommand.of("AT+QISEND=0").withPayload(OutgoingPayload.cancel())),
                    ON_SEND_OK)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("AT+QISEND=0 cancels at its prompt and cannot be part of a command sequence");
            assertThat(modem.link.pendingBytes()).isEmpty(); // nothing was sent
        }
    }
}
