package dev.cellbridge.at;

import static dev.cellbridge.at.ScriptedModem.bytes;
import static dev.cellbridge.at.ScriptedModem.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Transparent data mode (§1.2, §3.3): CONNECT, raw data both ways, +++ / DTR, NO CARRIER, ATO. */
class TransparentModeTest {

    private static final Duration GUARD = Duration.ofMillis(150);

    private static ScriptedModem modem() {
        return new ScriptedModem(AtChannelOptions.defaults().withGuardTime(GUARD));
    }

    private static DataSession connect(ScriptedModem modem) throws Exception {
        AtResponse r = modem.exchange("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2", "\r\nCONNECT\r\n");
        assertThat(r.result().code()).isEqualTo(ResultCode.CONNECT);
        assertThat(r.session()).isPresent();
        modem.nextEvent(ChannelEvent.DataModeEntered.class);
        return r.session().orElseThrow();
    }

    /** Leaves data mode on another thread (with +++ or DTR), so the test can play the module meanwhile. */
    private static CompletableFuture<Void> leaveAsync(DataSession session, boolean dtr) {
        return CompletableFuture.runAsync(() -> {
            try {
                if (dtr) {
                    session.escapeWithDtr();
                } else {
                    session.escape();
                }
            } catch (AtException e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** Reads from the session until it ends, bounded in time by the test's feed. */
    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return out.toByteArray();
        });
    }

    @Test
    void dataFlowsRawBothWaysUntilNoCarrier() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            CompletableFuture<byte[]> received = readAll(session.input());
            byte[] data = concat(ChannelBehaviourTest.everyByteValueAndOk(),
                    bytes("xNO CARRIER\r\n\r\nNO CARRIE\r\n\r\nOK\r\n+++\r\n\r\nNO CARRIER \r\n"));
            modem.link.feedBytewise(data);
            modem.link.feed("\r\nNO CARRIER\r\n");
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(data);
            assertThat(session.ended().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(DataModeEnd.NO_CARRIER);
            assertThat(modem.nextEvent(ChannelEvent.DataModeLeft.class).how()).isEqualTo(DataModeEnd.NO_CARRIER);

            assertThatThrownBy(() -> session.output().write('x')).isInstanceOf(IOException.class)
                    .hasMessageContaining("ended");
            assertThat(modem.exchange("AT+QICLOSE=0", "\r\nOK\r\n").isOk()).isTrue();
        }
    }

    @Test
    void noCarrierDuringTheGuardTimeEndsTheEscapeWithoutPlusPlusPlus() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            CompletableFuture<byte[]> received = readAll(session.input());
            CompletableFuture<Void> escaped = leaveAsync(session, false);
            modem.link.feed("bye\r\nNO CARRIER\r\n"); // the peer closed while the escape waited its guard time
            escaped.get(5, TimeUnit.SECONDS);
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(bytes("bye"));
            assertThat(session.ended().toCompletableFuture().get()).isEqualTo(DataModeEnd.NO_CARRIER);
            // no +++ reached the module in command mode, where it would have spoiled the next command line
            modem.link.assertNothingWrittenWithin(GUARD.multipliedBy(2));
            assertThat(modem.exchange("AT+QICLOSE=0", "\r\nOK\r\n").isOk()).isTrue();
        }
    }

    @Test
    void aPlusPlusPlusCrossedByNoCarrierIsEndedAndTheNextCommandResynchronizes() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            readAll(session.input());
            CompletableFuture<Void> escaped = leaveAsync(session, false);
            modem.link.awaitWritten("+++");
            modem.link.feed("\r\nNO CARRIER\r\n"); // sent before the module saw +++: it got +++ in command mode
            escaped.get(5, TimeUnit.SECONDS);
            assertThat(session.ended().toCompletableFuture().get()).isEqualTo(DataModeEnd.NO_CARRIER);

            CompletableFuture<AtResponse> close = CompletableFuture.supplyAsync(() -> {
                try {
                    return modem.channel.execute("AT+QICLOSE=0");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            // the line the stray +++ began is ended, and a probe takes whatever answer it gets
            modem.link.awaitWritten("\r");
            modem.link.awaitWritten("AT\r");
            modem.link.feed("\r\nERROR\r\n"); // the module's answer to the line "+++"
            modem.link.feed("\r\nOK\r\n");    // the probe's, discarded in the quiet time
            modem.link.awaitWritten("AT+QICLOSE=0\r");
            modem.link.feed("\r\nOK\r\n");
            assertThat(close.get(5, TimeUnit.SECONDS).isOk()).isTrue();
        }
    }

    @Test
    void writesGoStraightToTheLinkAndCommandsAreRefusedMeanwhile() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            byte[] data = ChannelBehaviourTest.everyByteValueAndOk();
            session.output().write(data);
            modem.link.awaitWritten(data);
            assertThatThrownBy(() -> modem.channel.execute("AT")).isInstanceOf(AtStateException.class)
                    .hasMessageContaining("transparent");
            assertThat(modem.channel.dataSession()).contains(session);
        }
    }

    @Test
    void plusPlusPlusRespectsTheGuardTimesAndAtoResumes() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            CompletableFuture<byte[]> received = readAll(session.input());
            session.output().write(bytes("last"));
            modem.link.awaitWritten("last");
            long wroteLast = System.nanoTime();

            CompletableFuture<Void> escaped = leaveAsync(session, false);
            modem.link.awaitWritten("+++");
            long silence = System.nanoTime() - wroteLast;
            assertThat(Duration.ofNanos(silence)).as("silence before +++").isGreaterThanOrEqualTo(GUARD);
            assertThat(modem.link.writes()).last().isEqualTo(bytes("+++")); // +++ alone in one write
            modem.link.feed("tail\r\nOK\r\n");      // data still arriving, then the escape's OK
            escaped.get(5, TimeUnit.SECONDS);
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(bytes("tail"));
            assertThat(session.ended().toCompletableFuture().get()).isEqualTo(DataModeEnd.ESCAPED);
            assertThat(modem.channel.dataSession()).isEmpty();

            AtResponse state = modem.exchange("AT+QISTATE=1,0",
                    "\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,65514,2,1,0,2,\"usbmodem\"\r\n\r\nOK\r\n");
            assertThat(state.texts()).hasSize(1);
            AtResponse resumed = modem.exchange("ATO", "\r\nCONNECT\r\n");
            assertThat(resumed.session()).isPresent();
            assertThat(resumed.session().get()).isNotSameAs(session);
        }
    }

    @Test
    void dtrLeavesDataMode() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            CompletableFuture<Void> escaped = leaveAsync(session, true);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> modem.link.dtrChanges().contains(false));
            modem.link.feed("\r\nOK\r\n");
            escaped.get(5, TimeUnit.SECONDS);
            assertThat(modem.link.dtrChanges()).containsExactly(false, true);
            assertThat(session.isActive()).isFalse();
        }
    }

    @Test
    void atoWithoutAConnectionAnswersNoCarrier() throws Exception {
        try (ScriptedModem modem = modem()) {
            AtResponse r = modem.exchange("ATO", "\r\nNO CARRIER\r\n");
            assertThat(r.result().code()).isEqualTo(ResultCode.NO_CARRIER);
            assertThat(r.session()).isEmpty();
        }
    }

    @Test
    void aLostLinkEndsTheSession() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            CompletableFuture<byte[]> received = readAll(session.input());
            modem.link.feed("partial\r\n");
            modem.link.hangUp(null);
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(bytes("partial\r\n"));
            assertThat(session.ended().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(DataModeEnd.LINK_CLOSED);
            assertThat(modem.nextEvent(ChannelEvent.DataModeLeft.class).how()).isEqualTo(DataModeEnd.LINK_CLOSED);
        }
    }

    @Test
    void aTrailingCrLfIsDeliveredWithoutWaitingForMoreData() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            modem.link.feed("line\r\n");
            byte[] buf = new byte[16];
            int n = 0;
            while (n < 6) {
                int got = session.input().read(buf, n, buf.length - n);
                n += got;
            }
            assertThat(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("line\r\n");
        }
    }

    @Test
    void anOkInTheDataBeforePlusPlusPlusIsData() throws Exception {
        try (ScriptedModem modem = modem()) {
            DataSession session = connect(modem);
            CompletableFuture<byte[]> received = readAll(session.input());
            CompletableFuture<Void> escaped = leaveAsync(session, false);
            // during the guard time, before +++ is written, the peer sends an OK of its own
            modem.link.feed("peer says\r\nOK\r\n");
            modem.link.awaitWritten("+++");
            assertThat(session.isActive()).isTrue();
            modem.link.feed("\r\nOK\r\n");
            escaped.get(5, TimeUnit.SECONDS);
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(bytes("peer says\r\nOK\r\n"));
        }
    }

    @Test
    void leavingWorksEvenWhenNobodyReadsTheData() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withGuardTime(GUARD)
                .withDataBufferBytes(1024))) {
            DataSession session = connect(modem);
            modem.link.feed(new byte[4096]); // fills the 1 KiB buffer; the reader would block on it
            CompletableFuture<Void> escaped = leaveAsync(session, false);
            modem.link.awaitWritten("+++");
            modem.link.feed("\r\nOK\r\n");
            escaped.get(5, TimeUnit.SECONDS);
            assertThat(session.ended().toCompletableFuture().get()).isEqualTo(DataModeEnd.ESCAPED);
            assertThat(modem.exchange("AT", "\r\nOK\r\n").isOk()).isTrue();
        }
    }

    @Test
    void closingWithAFullBufferEndsTheReader() throws Exception {
        ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withName("full").withDataBufferBytes(1024));
        DataSession session = connect(modem);
        modem.link.feed(new byte[4096]);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.input().available() == 1024);
        modem.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(t -> t.getName().equals("cellbridge-at-reader-full")));
        assertThat(session.isActive()).isFalse();
    }
}
