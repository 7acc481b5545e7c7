package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.serial.SerialLinks;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous activation (QIACTEX) and deactivation (QIDEACTEX) end whatever happens to their URC: it comes,
 * it is lost, a deactivation aborts the activation, the module restarts, the caller cancels. Against a module
 * played over loopback, which can lose a URC.
 */
class AsyncActivationTest {

    private static final String OK = "\r\nOK\r\n";
    /** For the tests where the URC is lost. */
    private static final Duration SHORT_WAIT = Duration.ofMillis(300);
    /** For the tests where something else must end the wait first. */
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);

    private LoopbackModule module;
    private AtChannel channel;
    private Modem modem;

    @BeforeEach
    void start() throws Exception {
        module = new LoopbackModule();
        channel = AtChannel.open(SerialLinks.open(module.uri()), AtChannelOptions.defaults().withName("async"));
    }

    /** The modem, waiting this long for +QIACTEX and +QIDEACTEX. */
    private Modem modem(Duration urcWait) {
        modem = Modem.open(channel, ModemOptions.defaults().withName("async").withContextTimeouts(urcWait, urcWait));
        return modem;
    }

    @AfterEach
    void stop() throws Exception {
        if (modem != null) {
            modem.close();
        }
        channel.close();
        module.close();
    }

    private static CellularException failure(CompletableFuture<?> f) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> f.get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(CellularException.class);
        return (CellularException) e.getCause();
    }

    @Test
    void aLostUrcEndsTheActivationInTimeAndTheNextOneRuns() throws Exception {
        Modem modem = modem(SHORT_WAIT);
        module.answers(line -> OK); // +QIACTEX never comes
        CompletableFuture<PdpContextState> lost = modem.activateAsync(1).toCompletableFuture();
        assertThat(module.nextCommand()).isEqualTo("AT+QIACTEX=1,1");
        CellularException e = failure(lost);
        assertThat(e).hasMessageContaining("activating context 1: no +QIACTEX within 300 ms");
        assertThat(e.error()).contains(QuectelError.OPERATION_TIMEOUT);

        module.answers(line -> line.equals("AT+QIACTEX=1,1") ? OK + "\r\n+QIACTEX: 1,0,1,\"10.7.157.1\"\r\n" : OK);
        CompletableFuture<PdpContextState> next = modem.activateAsync(1).toCompletableFuture();
        assertThat(next.get(5, TimeUnit.SECONDS).ipv4()).isEqualTo("10.7.157.1");
    }

    @Test
    void aCancelledActivationLetsTheNextOneRun() throws Exception {
        Modem modem = modem(LONG_WAIT);
        module.answers(line -> OK);
        CompletableFuture<PdpContextState> first = modem.activateAsync(2).toCompletableFuture();
        assertThatThrownBy(() -> modem.activateAsync(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("context 2 is already being activated");
        first.cancel(false);
        assertThatThrownBy(first::join).isInstanceOf(CancellationException.class);
        CompletableFuture<PdpContextState> second = modem.activateAsync(2).toCompletableFuture();
        module.send("\r\n+QIACTEX: 2,0,1,\"10.7.157.2\"\r\n");
        assertThat(second.get(5, TimeUnit.SECONDS).ipv4()).isEqualTo("10.7.157.2");
    }

    @Test
    void aDeactivationFailsThePendingActivation() throws Exception {
        Modem modem = modem(LONG_WAIT);
        module.answers(line -> OK); // QIDEACT aborts the activation: no +QIACTEX
        CompletableFuture<PdpContextState> pending = modem.activateAsync(3).toCompletableFuture();
        modem.deactivate(3);
        assertThat(failure(pending)).hasMessage("activating context 3 was abandoned: AT+QIDEACT=3 deactivated the "
                + "context before +QIACTEX came");

        CompletableFuture<PdpContextState> again = modem.activateAsync(3).toCompletableFuture();
        CompletableFuture<Void> deactivating = modem.deactivateAsync(3).toCompletableFuture();
        assertThat(failure(again)).hasMessageContaining("AT+QIDEACTEX=3 deactivated the context");
        module.send("\r\n+QIDEACTEX: 3,0\r\n");
        deactivating.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedDeactivationLeavesTheActivationWaiting() throws Exception {
        Modem modem = modem(LONG_WAIT);
        module.answers(line -> line.startsWith("AT+QIDEACT=") ? "\r\nERROR\r\n" : OK);
        CompletableFuture<PdpContextState> pending = modem.activateAsync(4).toCompletableFuture();
        assertThatThrownBy(() -> modem.deactivate(4)).isInstanceOf(CellularException.class);
        module.send("\r\n+QIACTEX: 4,0,1,\"10.7.157.4\"\r\n");
        assertThat(pending.get(5, TimeUnit.SECONDS).ipv4()).isEqualTo("10.7.157.4");
    }

    @Test
    void aLostDeactivationUrcEndsInTime() throws Exception {
        Modem modem = modem(SHORT_WAIT);
        module.answers(line -> OK);
        CompletableFuture<Void> lost = modem.deactivateAsync(5).toCompletableFuture();
        assertThat(failure(lost)).hasMessageContaining("deactivating context 5: no +QIDEACTEX within 300 ms");
        module.answers(line -> line.equals("AT+QIDEACTEX=5") ? OK + "\r\n+QIDEACTEX: 5,0\r\n" : OK);
        modem.deactivateAsync(5).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRestartedModuleFailsWhatWaitsForAUrc() throws Exception {
        Modem patient = modem(LONG_WAIT);
        module.answers(line -> OK);
        CompletableFuture<PdpContextState> activating = patient.activateAsync(1).toCompletableFuture();
        CompletableFuture<Void> deactivating = patient.deactivateAsync(2).toCompletableFuture();
        module.send("\r\nRDY\r\n");
        assertThat(failure(activating)).hasMessage("activating context 1 failed: the module restarted (RDY) before "
                + "+QIACTEX came");
        assertThat(failure(deactivating)).hasMessage("deactivating context 2 failed: the module restarted (RDY) "
                + "before +QIDEACTEX came");
    }
}
