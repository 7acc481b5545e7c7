package dev.cellbridge.at;

import static dev.cellbridge.at.ScriptedModem.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Arbitrary byte streams (random bytes mixed with the tokens the framer reacts to) never throw,
 * never hang the reader, and a well-formed command afterwards still gets its own answer.
 */
class FuzzTest {

    private static final List<String> TOKENS = List.of("\r", "\n", "\r\n", ">", "> ", "OK", "ERROR", "CONNECT",
            "NO CARRIER", "SEND OK", "+CME ERROR: ", "+QIRD: ", "+QIURC: \"recv\",", "+QIURC: \"incoming\",",
            "RDY", ",", "\"", "0", "1", "5", "1500", "99999999999", "\u001a", "\u001b", "\u0000", "\u00ff");

    private ScriptedModem modem;

    @BeforeTry
    void open() {
        modem = new ScriptedModem(AtChannelOptions.defaults().withMaxLineLength(256));
    }

    @AfterTry
    void close() {
        modem.close();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> token = Arbitraries.of(TOKENS).map(t -> t.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.oneOf(token, token, random).list().ofMaxSize(60).map(parts -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Property(tries = 300)
    void garbageNeverBreaksTheNextCommand(@ForAll("garbage") byte[] garbage, @ForAll boolean bytewise)
            throws Exception {
        if (bytewise) {
            modem.link.feedBytewise(garbage);
        } else {
            modem.link.feed(garbage);
        }
        // A corrupt length header may take up to 2 x 4096 bytes (hex) as payload, a few times over;
        // the filler satisfies them. Then a marker line tells when the reader is through.
        modem.link.feed("\r\n".repeat(32 * 1024));
        // A CONNECT in the garbage puts the channel in transparent mode, as it would the module; NO CARRIER
        // ends it (and is a discarded stray result otherwise).
        modem.link.feed("\r\nNO CARRIER\r\n");
        modem.link.feed("\r\n+SYNC\r\n");
        while (!modem.nextUrc().line().equals("+SYNC")) {
            // garbage lines are URCs; skip them
        }
        AtResponse r = modem.exchange("AT+CSQ", "\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
        assertThat(r.isOk()).isTrue();
        assertThat(r.texts()).endsWith("+CSQ: 20,99");
        assertThat(modem.channel.isOpen()).isTrue();
        modem.urcs.clear();
    }

    @Property(tries = 200)
    void payloadsOfAnyContentAndLengthArriveExactly(@ForAll("payload") byte[] data, @ForAll boolean bytewise)
            throws Exception {
        byte[] output = ScriptedModem.concat(bytes("\r\n+QIRD: " + data.length + "\r\n"), data, bytes("\r\n\r\nOK\r\n"));
        AtResponse r = modem.exchange(AtCommand.of("AT+QIRD=0,1500"), output,
                bytewise ? ScriptedModem.Feeder.BYTEWISE : ScriptedModem.Feeder.WHOLE);
        assertThat(r.payloads()).hasSize(1);
        assertThat(r.payloads().get(0)).isEqualTo(data);
    }

    @Provide
    Arbitrary<byte[]> payload() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(1500);
    }
}
