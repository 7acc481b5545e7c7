package dev.cellbridge.at;

import static dev.cellbridge.at.ScriptedModem.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A caller giving up on a sequence (its command's deadline passed) exactly while the reader frames that command's
 * answer and chains the next: whoever wins, the next command is either never written or followed by an Esc, so the
 * module never sits at a prompt nobody owns while the resync probe goes out as its payload. The test holds the
 * channel's state lock to make both threads arrive at the race together; which one wins varies from run to run.
 */
class SequenceAbandonRaceTest {

    private static final byte ESC = OutgoingPayload.ESC;

    private static AtCommand send(String data, Duration timeout) {
        return AtCommand.of("AT+QISEND=0," + data.length()).withPayload(OutgoingPayload.fixedLength(bytes(data)))
                .withTimeout(timeout);
    }

    /** Waits (bounded) until a thread whose name starts with {@code prefix} is blocked on a monitor. */
    private static void awaitBlocked(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (e.getKey().getName().startsWith(prefix) && e.getKey().getState() == Thread.State.BLOCKED) {
                    return;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no thread " + prefix + "* blocked");
    }

    @RepeatedTest(10)
    void theNextCommandIsNeverLeftAtAPromptNobodyOwns() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withName("race")
                .withResyncQuiet(Duration.ofMillis(50)))) {
            Field field = modem.channel.getClass().getDeclaredField("state");
            field.setAccessible(true);
            Object state = field.get(modem.channel);
            Future<List<AtResponse>> f = modem.startSequence(
                    List.of(send("a", Duration.ofMillis(300)), send("bc", Duration.ofSeconds(5))),
                    Set.of(ResultCode.SEND_OK));
            modem.link.feed("\r\n> ");
            modem.link.awaitWritten("a");
            synchronized (state) {
                awaitBlocked("test-caller"); // a's deadline passed: the caller is about to give up on it
                modem.link.feed("\r\nSEND OK\r\n"); // a's answer, right at its deadline
                awaitBlocked("cellbridge-at-reader-race"); // framed, and about to chain b
            }
            Throwable failure = null;
            try {
                f.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            assertThat(failure).isInstanceOf(AtException.class);
            Throwable timeout = failure instanceof AtSequenceException s ? s.getCause() : failure;
            assertThat(timeout).isInstanceOf(AtTimeoutException.class);
            Thread.sleep(100); // whatever the reader was going to write is out

            byte[] after = modem.link.pendingBytes();
            byte[] escaped = ScriptedModem.concat(bytes("AT+QISEND=0,2\r"), new byte[] {ESC});
            assertThat(after).as("b never written, or written and escaped").satisfiesAnyOf(
                    b -> assertThat(b).isEmpty(), b -> assertThat(b).isEqualTo(escaped));
            modem.link.awaitWritten(after);

            // the channel resynchronizes and goes on
            assertThat(modem.exchangeAfterResync("AT+CSQ", "\r\n+CSQ: 20,99\r\n\r\nOK\r\n").texts())
                    .containsExactly("+CSQ: 20,99");
        }
    }
}
