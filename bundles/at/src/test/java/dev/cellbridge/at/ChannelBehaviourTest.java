package dev.cellbridge.at;

import static dev.cellbridge.at.ScriptedModem.bytes;
import static dev.cellbridge.at.ScriptedModem.concat;
import static dev.cellbridge.at.ScriptedModem.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cellbridge.at.ScriptedModem.Feeder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's rules beyond the spec's examples: URC discipline, payloads, prompts, timeouts, link loss. */
class ChannelBehaviourTest {

    private static final String OK = "\r\nOK\r\n";

    @Test
    void urcsBetweenResponseLinesAreNeverPartOfTheResponse() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse r = modem.exchange("AT+QISTATE",
                    "\r\n+QISTATE: 0,\"TCP\",\"1.2.3.4\",80,1000,2,1,0,0,\"usbmodem\"\r\n"
                            + "\r\n+QIURC: \"recv\",0\r\n"
                            + "\r\n+QISTATE: 1,\"UDP\",\"1.2.3.5\",53,1001,2,1,0,0,\"usbmodem\"\r\n"
                            + "\r\n+QIURC: \"closed\",1\r\n" + OK + "\r\n+QIURC: \"pdpdeact\",1\r\n");
            assertThat(r.texts()).containsExactly(
                    "+QISTATE: 0,\"TCP\",\"1.2.3.4\",80,1000,2,1,0,0,\"usbmodem\"",
                    "+QISTATE: 1,\"UDP\",\"1.2.3.5\",53,1001,2,1,0,0,\"usbmodem\"");
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"recv\",0");
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"closed\",1");
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"pdpdeact\",1");
            modem.assertNoMoreUrcs();
        }
    }

    @Test
    void unprefixedAnswersAreClaimedButBareUrcsAreNot() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse r = modem.exchange("ATI", "\r\nQuectel\r\nRG500U\r\n\r\nRDY\r\nRevision: RG500UEUABR03A05M4G\r\n" + OK);
            assertThat(r.texts()).containsExactly("Quectel", "RG500U", "Revision: RG500UEUABR03A05M4G");
            assertThat(modem.nextUrc().line()).isEqualTo("RDY");
        }
    }

    @Test
    void commandEchoIsTolerated() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse r = modem.exchange("AT+CSQ", "AT+CSQ\r\r\n+CSQ: 20,99\r\n" + OK);
            assertThat(r.texts()).containsExactly("+CSQ: 20,99");
            modem.assertNoMoreUrcs();
        }
    }

    @Test
    void errorResultsCarryTheirNumbers() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse cme = modem.exchange("AT+QIACT=1", "\r\n+CME ERROR: 550\r\n");
            assertThat(cme.result().code()).isEqualTo(ResultCode.CME_ERROR);
            assertThat(cme.result().errorCode()).isEqualTo(550);
            assertThatThrownBy(cme::requireOk).isInstanceOf(AtCommandFailedException.class)
                    .hasMessageContaining("AT+QIACT=1").hasMessageContaining("+CME ERROR: 550");
            AtResponse cms = modem.exchange("AT+CMGS=1", "\r\n+CMS ERROR: 304\r\n");
            assertThat(cms.result().code()).isEqualTo(ResultCode.CMS_ERROR);
            assertThat(cms.result().errorCode()).isEqualTo(304);
            AtResponse text = modem.exchange("AT+CPIN?", "\r\n+CME ERROR: SIM not inserted\r\n");
            assertThat(text.result().code()).isEqualTo(ResultCode.CME_ERROR);
            assertThat(text.result().error()).isEmpty();
        }
    }

    static byte[] everyByteValueAndOk() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        return concat(bytes("\r\nOK\r\n"), all, bytes("\r\nERROR\r\n+QIURC: \"closed\",0\r\n\u0000"), bytes("\r\n"));
    }

    @Test
    void binaryPayloadsAreBytesNeverLines() throws Exception {
        byte[] data = everyByteValueAndOk();
        byte[] output = concat(bytes("\r\n+QIRD: " + data.length + "\r\n"), data, bytes("\r\n" + OK));
        for (Feeder feeder : List.of(Feeder.WHOLE, Feeder.BYTEWISE, Feeder.splitAt(20), Feeder.splitAt(100))) {
            try (ScriptedModem modem = new ScriptedModem()) {
                AtResponse r = modem.exchange(AtCommand.of("AT+QIRD=0,1500"), output, feeder);
                assertThat(r.isOk()).isTrue();
                assertThat(r.lines()).containsExactlyElementsOf(lines("+QIRD: " + data.length, data));
                modem.assertNoMoreUrcs();
            }
        }
    }

    @Test
    void directPushPayloadsAreBytesAndNeverDisturbACommand() throws Exception {
        byte[] data = everyByteValueAndOk();
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.exchange("AT+QIOPEN=1,3,\"TCP\",\"220.180.239.212\",8009,0,1", OK);
            modem.exchange("AT+QIOPEN=1,4,\"UDP SERVICE\",\"127.0.0.1\",0,3030,1", OK);
            Future<AtResponse> f = modem.start("AT+CSQ");
            modem.link.feed(concat(bytes("\r\n+CSQ: 20,99\r\n\r\n+QIURC: \"recv\",3," + data.length + "\r\n"), data,
                    bytes("\r\n+QIURC: \"recv\",4,4,\"10.7.76.34\",7687\r\nAAAA" + OK)));
            AtResponse r = f.get(5, TimeUnit.SECONDS);
            assertThat(r.texts()).containsExactly("+CSQ: 20,99");
            assertThat(modem.nextUrc()).isEqualTo(new Urc("+QIURC: \"recv\",3," + data.length, data));
            assertThat(modem.nextUrc()).isEqualTo(new Urc("+QIURC: \"recv\",4,4,\"10.7.76.34\",7687", bytes("AAAA")));
            modem.assertNoMoreUrcs();
        }
    }

    @Test
    void viewModeOnePutsDataAfterAComma() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.exchange("AT+QICFG=\"viewmode\",1", OK);
            modem.exchange("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", OK);
            modem.exchange("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,0", OK);
            modem.exchange("AT+QIOPEN=1,5,\"TCP\",\"220.180.239.212\",8009,0,1", OK);
            AtResponse tcp = modem.exchange("AT+QIRD=0,1500", "\r\n+QIRD: 7,a,\"b\"\r\n" + OK);
            assertThat(tcp.lines()).containsExactlyElementsOf(lines("+QIRD: 7", bytes("a,\"b\"\r\n")));
            AtResponse udp = modem.exchange("AT+QIRD=2", "\r\n+QIRD: 4,\"10.7.76.34\",7687,A,\rA\r\n" + OK);
            assertThat(udp.lines()).containsExactlyElementsOf(lines("+QIRD: 4,\"10.7.76.34\",7687", bytes("A,\rA")));
            AtResponse totals = modem.exchange("AT+QIRD=0,0", "\r\n+QIRD: 10,10,0\r\n" + OK);
            assertThat(totals.lines()).containsExactlyElementsOf(lines("+QIRD: 10,10,0"));
            modem.link.feed("\r\n+QIURC: \"recv\",5,3,x\r\n\r\n");
            assertThat(modem.nextUrc()).isEqualTo(new Urc("+QIURC: \"recv\",5,3", bytes("x\r\n")));
            modem.assertNoMoreUrcs();
        }
    }

    @Test
    void hexDataFormatIsDecoded() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.exchange("AT+QICFG=\"dataformat\",0,1", OK);
            AtResponse r = modem.exchange("AT+QIRD=0,1500", "\r\n+QIRD: 5\r\n74657374FF\r\n" + OK);
            assertThat(r.lines()).containsExactlyElementsOf(lines("+QIRD: 5", new byte[] {'t', 'e', 's', 't', (byte) 0xFF}));
            AtResponse bad = modem.exchange("AT+QIRD=0,1500", "\r\n+QIRD: 2\r\nZZ00\r\n" + OK);
            assertThat(bad.lines()).containsExactlyElementsOf(lines("+QIRD: 2", bytes("ZZ00")));
            assertThat(modem.channel.statistics().malformedPayloads()).isEqualTo(1);
        }
    }

    @Test
    void settingsReadBackFromTheModuleAreFollowedAndRdyRestoresDefaults() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.exchange("AT+QICFG=\"viewmode\"", "\r\n+QICFG: \"viewmode\",1\r\n" + OK);
            assertThat(modem.channel.framing().viewMode()).isEqualTo(1);
            modem.link.feed("\r\nRDY\r\n");
            assertThat(modem.nextUrc().line()).isEqualTo("RDY");
            assertThat(modem.channel.framing().viewMode()).isZero();
        }
    }

    @Test
    void promptWithCrLfFormatAndEchoedData() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.exchange("AT+QICFG=\"formatcfg\",1", OK);
            byte[] data = bytes("\r\nOK\r\nhello");
            AtResponse r = modem.promptExchange(AtCommand.of("AT+QISEND=0,11").withPayload(OutgoingPayload.fixedLength(data)),
                    bytes("\r\n>\r\n"), data, concat(data, bytes("\r\nSEND OK\r\n")), Feeder.BYTEWISE);
            assertThat(r.result().code()).isEqualTo(ResultCode.SEND_OK);
            assertThat(r.lines()).isEmpty();
            modem.assertNoMoreUrcs();
        }
    }

    @Test
    void aUrcBeforeThePromptIsStillAUrc() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse r = modem.promptExchange(
                    AtCommand.of("AT+QISEND=0,2").withPayload(OutgoingPayload.fixedLength(bytes("hi"))),
                    bytes("\r\n+QIURC: \"recv\",1\r\n\r\n> "), bytes("hi"), bytes("\r\nSEND FAIL\r\n"), Feeder.WHOLE);
            assertThat(r.result().code()).isEqualTo(ResultCode.SEND_FAIL);
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"recv\",1");
        }
    }

    @Test
    void anErrorInsteadOfThePromptWritesNoPayload() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<AtResponse> f = modem.start(
                    AtCommand.of("AT+QISEND=9,4").withPayload(OutgoingPayload.fixedLength(bytes("data"))));
            modem.link.feed("\r\nERROR\r\n");
            assertThat(f.get(5, TimeUnit.SECONDS).result().code()).isEqualTo(ResultCode.ERROR);
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(100));
        }
    }

    @Test
    void aMissingPromptTimesOutInsteadOfWaitingForever() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<AtResponse> f = modem.start(AtCommand.of("AT+QISEND=0,4")
                    .withPayload(OutgoingPayload.fixedLength(bytes("data"))).withTimeout(Duration.ofMillis(200)));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AtTimeoutException.class).hasMessageContaining("> prompt")
                    .hasMessageContaining("AT+QISEND=0,4");
            // The module may sit at a prompt we never saw: Esc takes it out, and no payload byte is written,
            // so that the next command (the resync probe) cannot become data for the peer.
            modem.link.awaitWritten(new byte[] {0x1B});
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(50));
        }
    }

    @Test
    void escCancelsAtThePrompt() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withCancelWait(Duration.ofMillis(100)))) {
            AtResponse silent = modem.promptExchange(AtCommand.of("AT+QISEND=0").withPayload(OutgoingPayload.cancel()),
                    bytes("\r\n> "), new byte[] {0x1B}, new byte[0], Feeder.WHOLE);
            assertThat(silent.result().code()).isEqualTo(ResultCode.CANCELLED);
            AtResponse answered = modem.promptExchange(AtCommand.of("AT+QISEND=0").withPayload(OutgoingPayload.cancel()),
                    bytes("\r\n> "), new byte[] {0x1B}, bytes(OK), Feeder.WHOLE);
            assertThat(answered.result().code()).isEqualTo(ResultCode.OK);
        }
    }

    @Test
    void ctrlZPayloadsRefuseTheirTerminators() {
        assertThatThrownBy(() -> OutgoingPayload.ctrlZ(new byte[] {'a', 0x1A}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x1a").hasMessageContaining("offset 1");
    }

    @Test
    void aLateAnswerAfterATimeoutIsNotTakenAsTheNextCommandsAnswer() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withResyncQuiet(Duration.ofMillis(100)))) {
            Future<AtResponse> slow = modem.start(AtCommand.of("AT+COPS=?").withTimeout(Duration.ofMillis(100)));
            assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AtTimeoutException.class);
            modem.nextEvent(ChannelEvent.CommandTimedOut.class);

            // The old answer arrives after the probe was sent, before the probe's own OK.
            Future<AtResponse> next = modem.submit("AT+CSQ");
            modem.link.awaitWritten("AT\r");
            modem.link.feed("\r\n+COPS: (1,\"x\",\"x\",\"00101\",7)\r\n" + OK);
            modem.link.feed(OK);
            modem.link.awaitWritten("AT+CSQ\r");
            modem.link.feed("\r\n+CSQ: 20,99\r\n" + OK);
            AtResponse r = next.get(5, TimeUnit.SECONDS);
            assertThat(r.texts()).containsExactly("+CSQ: 20,99");
            assertThat(modem.channel.statistics().timeouts()).isEqualTo(1);
            assertThat(modem.channel.statistics().strayResults()).isEqualTo(1);

            // A late answer before the next command is simply discarded.
            Future<AtResponse> again = modem.start(AtCommand.of("AT+QPING=?").withTimeout(Duration.ofMillis(50)));
            assertThatThrownBy(() -> again.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AtTimeoutException.class);
            modem.link.feed("\r\nERROR\r\n");
            assertThat(modem.exchangeAfterResync("AT+CGSN", "\r\n864499040000000\r\n" + OK).texts())
                    .containsExactly("864499040000000");
        }
    }

    @Test
    void commandsRunOneAtATimeInOrder() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<AtResponse> first = modem.start("AT+QIACT=1");
            Future<AtResponse> second = modem.submit("AT+QIACT?");
            modem.link.assertNothingWrittenWithin(Duration.ofMillis(100)); // the second waits for the first's result
            modem.link.feed(OK);
            assertThat(first.get(5, TimeUnit.SECONDS).isOk()).isTrue();
            modem.link.awaitWritten("AT+QIACT?\r");
            modem.link.feed("\r\n+QIACT: 1,1,1,\"10.7.157.1\"\r\n" + OK);
            assertThat(second.get(5, TimeUnit.SECONDS).texts()).containsExactly("+QIACT: 1,1,1,\"10.7.157.1\"");
        }
    }

    @Test
    void aClosedLinkFailsTheCommandInFlightAndEveryLaterOne() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<AtResponse> f = modem.start("AT+QIACT=1");
            modem.link.hangUp(new IOException("device reports readiness to read but returned no data"));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AtLinkClosedException.class)
                    .hasMessageContaining("fake://test").hasMessageContaining("AT+QIACT=1");
            ChannelEvent.LinkClosed closed = modem.nextEvent(ChannelEvent.LinkClosed.class);
            assertThat(closed.reason()).contains("returned no data");
            assertThat(modem.channel.isOpen()).isFalse();
            assertThatThrownBy(() -> modem.channel.execute("AT")).isInstanceOf(AtLinkClosedException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void aSlowListenerNeverBlocksTheReaderAndOverflowIsCounted() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withUrcQueueCapacity(8))) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch entered = new CountDownLatch(1);
            modem.channel.subscribe("+QIURC: \"closed\"", u -> {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            modem.link.feed("\r\n+QIURC: \"closed\",0\r\n");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // the dispatcher is now stuck in the listener
            StringBuilder urcs = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                urcs.append("\r\n+QIURC: \"closed\",").append(i % 12).append("\r\n");
            }
            modem.link.feed(urcs.toString());
            AtResponse r = modem.exchange("AT+CSQ", "\r\n+CSQ: 1,2\r\n" + OK);
            assertThat(r.texts()).containsExactly("+CSQ: 1,2");
            release.countDown();
            // 8 of the 20 (and the +CSQ exchange's nothing) wait in the queue, the other 12 are dropped
            assertThat(modem.channel.statistics().urcsDropped()).isEqualTo(12);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> modem.channel.statistics().urcs() == 9);
        }
    }

    @Test
    void awaitingDeliveredUrcsIsABarrierBehindEverythingFramedBefore() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            CountDownLatch release = new CountDownLatch(1);
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            boolean[] onItsOwnThread = new boolean[1];
            modem.channel.subscribe("+QIURC:", urc -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                    // a listener may ask too: what came before is being delivered by its own caller
                    onItsOwnThread[0] = modem.channel.awaitUrcsDelivered(Duration.ofSeconds(5));
                } catch (InterruptedException | java.io.InterruptedIOException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(urc.line());
            });
            modem.link.feed("\r\n+QIURC: \"recv\",0\r\n\r\n+QIURC: \"closed\",0\r\n");
            modem.nextUrc(); // framed, and the listener is held at the first
            assertThat(modem.channel.awaitUrcsDelivered(Duration.ofMillis(100))).isFalse();
            release.countDown();
            assertThat(modem.channel.awaitUrcsDelivered(Duration.ofSeconds(5))).isTrue();
            assertThat(seen).containsExactly("+QIURC: \"recv\",0", "+QIURC: \"closed\",0");
            assertThat(onItsOwnThread[0]).isTrue();
        }
        ScriptedModem closed = new ScriptedModem();
        closed.close();
        assertThat(closed.channel.awaitUrcsDelivered(Duration.ofMillis(100))).isFalse();
    }

    @Test
    void overlongLinesAreDroppedAndTheChannelGoesOn() throws Exception {
        try (ScriptedModem modem = new ScriptedModem(AtChannelOptions.defaults().withMaxLineLength(64))) {
            modem.link.feed("\r\n" + "x".repeat(10_000) + "\r\n\r\n+QIURC: \"closed\",1\r\n");
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"closed\",1");
            assertThat(modem.channel.statistics().overlongLines()).isEqualTo(1);
            assertThat(modem.exchange("AT", OK).isOk()).isTrue();
        }
    }

    @Test
    void aCorruptLengthHeaderCannotSwallowTheStream() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.link.feed("\r\n+QIURC: \"recv\",7,999999999\r\n\r\n+QIURC: \"closed\",7\r\n");
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"recv\",7,999999999");
            assertThat(modem.nextUrc().line()).isEqualTo("+QIURC: \"closed\",7");
            assertThat(modem.exchange("AT", OK).isOk()).isTrue();
        }
    }

    @Test
    void aSocketOpenedBeforeTheChannelIsJudgedByRecvind() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            // recvind off (the default): a length can only be direct push, so the data is taken
            Future<AtResponse> f = modem.start("AT+CSQ");
            modem.link.feed("\r\n+QIURC: \"recv\",0,6\r\n\r\nOK\r\n" + "\r\n+CSQ: 1,2\r\n" + OK);
            assertThat(f.get(5, TimeUnit.SECONDS).texts()).containsExactly("+CSQ: 1,2");
            assertThat(modem.nextUrc()).isEqualTo(new Urc("+QIURC: \"recv\",0,6", bytes("\r\nOK\r\n")));
            // recvind on: the buffer-mode form, no data
            modem.exchange("AT+QICFG=\"recvind\",1", OK);
            modem.link.feed("\r\n+QIURC: \"recv\",1,6\r\n");
            assertThat(modem.nextUrc()).isEqualTo(new Urc("+QIURC: \"recv\",1,6", null));
        }
    }

    @Test
    void dataRightAfterASettingIsFramedWithTheNewSetting() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            modem.exchange("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,0", OK);
            modem.exchange("AT+QICFG=\"recvind\",1", OK);
            // the module pushes buffered data straight after switching to direct push, in the same read
            AtResponse r = modem.exchange(AtCommand.of("AT+QISWTMD=0,1"),
                    bytes(OK + "\r\n+QIURC: \"recv\",0,4\r\nOK\r\n"), ScriptedModem.Feeder.WHOLE);
            assertThat(r.isOk()).isTrue();
            assertThat(modem.nextUrc()).isEqualTo(new Urc("+QIURC: \"recv\",0,4", bytes("OK\r\n")));
            assertThat(modem.channel.statistics().strayResults()).isZero();
        }
    }

    @Test
    void anOpenResultOfAnEarlierSocketIsAUrcNotPartOfTheNextOpen() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            AtResponse r = modem.exchange("AT+QIOPEN=1,1,\"TCP\",\"220.180.239.212\",8009,0,0",
                    "\r\n+QIOPEN: 0,0\r\n" + OK);
            assertThat(r.lines()).isEmpty();
            assertThat(modem.nextUrc().line()).isEqualTo("+QIOPEN: 0,0");
        }
    }

    @Test
    void aLateConnectPutsTheChannelInTransparentMode() throws Exception {
        try (ScriptedModem modem = new ScriptedModem()) {
            Future<AtResponse> open = modem.start(AtCommand.of("AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,2")
                    .withTimeout(Duration.ofMillis(50)));
            assertThatThrownBy(() -> open.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AtTimeoutException.class);
            modem.link.feed("\r\nCONNECT\r\nHELLO FROM PEER");
            modem.nextEvent(ChannelEvent.DataModeEntered.class);
            DataSession session = modem.channel.dataSession().orElseThrow();
            byte[] got = session.input().readNBytes(15);
            assertThat(new String(got, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("HELLO FROM PEER");
            assertThatThrownBy(() -> modem.channel.execute("AT+CSQ")).isInstanceOf(AtStateException.class);
            modem.assertNoMoreUrcs();
        }
    }

    @Test
    void closingFromAListenerDoesNotStall() throws Exception {
        ScriptedModem modem = new ScriptedModem();
        CountDownLatch closed = new CountDownLatch(1);
        modem.channel.subscribe("POWERED DOWN", u -> {
            modem.channel.close();
            closed.countDown();
        });
        long started = System.nanoTime();
        modem.link.feed("\r\nPOWERED DOWN\r\n");
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(modem.channel.isOpen()).isFalse();
        modem.close();
        // bounded, not a timing assertion of performance: the old code waited on itself for its 5 s join limit
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
}
