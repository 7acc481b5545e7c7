package dev.cellbridge.at.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cellbridge.at.PayloadFraming.AccessMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the framer (Jazzer). In a normal test run this replays the inputs
 * under {@code src/test/resources/.../FramerFuzzTestInputs}; to fuzz for real, run
 * {@code JAZZER_FUZZ=1 mvn -pl bundles/at test -Dtest=FramerFuzzTest} (bounded by maxDuration).
 *
 * <p>Whatever the bytes and however they are cut into reads, and whatever the module's settings:
 * the framer never throws, never keeps a line longer than its bound, and every payload it reports
 * is exactly as long as its header announced.
 */
class FramerFuzzTest {

    private static final int MAX_LINE = 128;

    /** Records what the framer reports and checks it on the way. */
    private static final class CheckingSink implements FramerSink {
        final QuectelFraming framing = new QuectelFraming();
        final List<String> lines = new ArrayList<>();
        boolean promptExpected;
        boolean escaping;
        String inFlight;
        Framer framer;
        int prompts;

        @Override
        public long epoch() {
            return 0;
        }

        @Override
        public void line(String line, long epoch) {
            assertThat(line).isNotEmpty();
            assertThat(line.length()).isLessThanOrEqualTo(MAX_LINE);
            lines.add(line);
            if (line.startsWith("CONNECT")) {
                framer.enterDataMode(new DataPipe(1024 * 1024));
            }
        }

        @Override
        public void payloadLine(String header, byte[] payload, long epoch) {
            List<String> fields = header.startsWith("+QIURC: \"recv\",")
                    ? Params.split(header.substring("+QIURC: \"recv\",".length())).subList(1, 2)
                    : Params.of(header, ':');
            int announced = Integer.parseInt(fields.get(0));
            if (framing.receiveHex()) {
                // a byte arrives as two hex digits; undecodable digits are kept as they came
                assertThat(payload.length).as(header).isIn(announced, 2 * announced);
            } else {
                assertThat(payload.length).as(header).isEqualTo(announced);
            }
        }

        @Override
        public boolean prompt() {
            if (!promptExpected) {
                return false;
            }
            prompts++;
            promptExpected = false;
            framer.expectEcho(new byte[] {'a', 'b'});
            return true;
        }

        @Override
        public void dataModeEnded(boolean noCarrier) {
        }

        @Override
        public void overlongLine() {
        }

        @Override
        public void malformedPayload(String header) {
        }

        @Override
        public boolean escapeExpected() {
            return escaping;
        }

        @Override
        public int payloadAfterLine(String line) {
            return framing.payloadAfterLine(line, inFlight);
        }

        @Override
        public boolean commaHeadersPossible() {
            return framing.commaHeadersPossible();
        }

        @Override
        public int payloadAfterComma(String partial) {
            return framing.payloadAfterComma(partial, inFlight);
        }

        @Override
        public boolean hexPayloads() {
            return framing.receiveHex();
        }

        @Override
        public boolean promptEndsWithCrLf() {
            return framing.promptFormat() == 1;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void framerSurvivesAnything(FuzzedDataProvider data) {
        CheckingSink sink = new CheckingSink();
        sink.framing.viewMode(data.consumeInt(0, 1));
        sink.framing.receiveHex(data.consumeBoolean());
        sink.framing.promptFormat(data.consumeInt(0, 1));
        sink.framing.socket(data.consumeInt(0, 11), AccessMode.of(data.consumeInt(0, 2)), data.consumeBoolean());
        sink.inFlight = data.consumeBoolean() ? "AT+QIRD=" + data.consumeInt(0, 11) + ",1500" : null;
        sink.promptExpected = data.consumeBoolean();
        sink.escaping = data.consumeBoolean();
        Framer framer = new Framer(sink, MAX_LINE);
        sink.framer = framer;
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 64));
            framer.feed(chunk, 0, chunk.length);
        }
    }
}
