package dev.cellbridge.at;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A command's secret (the password of AT+QICSGP) goes to the module byte for byte and nowhere else: not into log
 * lines, events, exception messages or the response.
 */
class SecretsTest {

    private static final String PASSWORD = "s3cr3t-pw";
    private static final String LINE = "AT+QICSGP=1,1,\"UNINET\",\"user\",\"" + PASSWORD + "\",1";
    private static final String SHOWN = "AT+QICSGP=1,1,\"UNINET\",\"user\",\"****\",1";
    private static final AtCommand QICSGP = AtCommand.of(LINE).withSecret(PASSWORD);

    @Test
    void aTimedOutCommandIsLoggedAndReportedMasked() throws Exception {
        try (StandardErrorCapture log = new StandardErrorCapture();
                ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withName("secrets"))) {
            Future<AtResponse> f = modem.start(QICSGP.withTimeout(Duration.ofMillis(50))); // exact bytes on the wire
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AtTimeoutException.class)
                    .hasMessageContaining(SHOWN).hasMessageNotContaining(PASSWORD)
                    .satisfies(e -> assertThat(((AtTimeoutException) e).command()).isEqualTo(SHOWN));
            assertThat(modem.nextEvent(ChannelEvent.CommandTimedOut.class).command()).isEqualTo(SHOWN);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains("timed out"));
            assertThat(log.text()).contains(SHOWN).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aRefusedCommandIsReportedMasked() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse r = modem.exchange(QICSGP, ScriptedModem.bytes("\r\n+CME ERROR: 552\r\n"),
                    ScriptedModem.Feeder.WHOLE);
            assertThat(r.command()).isEqualTo(SHOWN);
            assertThatThrownBy(r::requireOk).isInstanceOf(AtCommandFailedException.class)
                    .hasMessage(SHOWN + " failed: +CME ERROR: 552");
        }
    }

    @Test
    void aCommandCutOffByTheLinkIsReportedMasked() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<AtResponse> f = modem.start(QICSGP);
            modem.link.hangUp(new IOException("unplugged"));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(AtLinkClosedException.class).hasMessageContaining(SHOWN)
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void anInterruptedCommandIsReportedMasked() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> modem.channel.execute(QICSGP)).isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining(SHOWN).hasMessageNotContaining(PASSWORD);
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void displayMasksEveryOccurrenceAndOverlapsWhole() {
        assertThat(QICSGP.display()).isEqualTo(SHOWN);
        assertThat(QICSGP.line()).isEqualTo(LINE);
        assertThat(QICSGP.toString()).contains(SHOWN).doesNotContain(PASSWORD);
        AtCommand twice = AtCommand.of("AT+X=\"abc\",\"abc\"").withSecret("abc");
        assertThat(twice.display()).isEqualTo("AT+X=\"****\",\"****\"");
        // two secrets overlapping: no piece of either remains
        AtCommand overlapping = AtCommand.of("AT+X=\"abcde\"").withSecret("abc").withSecret("cde");
        assertThat(overlapping.display()).isEqualTo("AT+X=\"****\"");
        assertThat(AtCommand.of("AT+X=1").withSecret("").secrets()).isEmpty();
        assertThat(AtCommand.of("AT+X=1").display()).isEqualTo("AT+X=1");
    }

    @Test
    void aSecretThatIsNotInTheLineIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> AtCommand.of("AT+QICSGP=1").withSecret("hunter2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2")
                .hasMessageContaining("QICSGP");
    }
}
