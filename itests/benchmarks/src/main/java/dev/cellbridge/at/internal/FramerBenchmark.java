package dev.cellbridge.at.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Framer throughput on a realistic mixed stream: short responses, URCs (buffer-mode and
 * direct-push with data), and 1500-byte QIRD payloads, fed in reads of {@code chunk} bytes.
 * One operation frames one MiB; MB/s = 1 / (seconds per op). Run with {@code -prof gc} to get
 * bytes allocated per op (= per MiB).
 *
 * <p>It lives in the engine's package to drive the package-private framer directly, without the
 * reader thread, so the number is the framer's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramerBenchmark {

    static final int STREAM_BYTES = 1 << 20;

    @Param({"4096", "64"})
    int chunk;

    private byte[] stream;
    private Framer framer;
    private CountingSink sink;

    /** Consumes what the framer finds, as the channel would, minus threads and locks. */
    static final class CountingSink implements FramerSink {
        final QuectelFraming framing = new QuectelFraming();
        Blackhole blackhole;
        long lines;
        long payloadBytes;

        CountingSink() {
            framing.socket(1, dev.cellbridge.at.PayloadFraming.AccessMode.PUSH, false);
        }

        @Override
        public long epoch() {
            return 1;
        }

        @Override
        public void line(String line, long epoch) {
            lines++;
            blackhole.consume(line);
        }

        @Override
        public void payloadLine(String header, byte[] payload, long epoch) {
            payloadBytes += payload.length;
            blackhole.consume(payload);
        }

        @Override
        public boolean prompt() {
            return false;
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
            return false;
        }

        @Override
        public int payloadAfterLine(String line) {
            return framing.payloadAfterLine(line, "AT+QIRD=0,1500");
        }

        @Override
        public boolean commaHeadersPossible() {
            return false;
        }

        @Override
        public int payloadAfterComma(String partial) {
            return -1;
        }

        @Override
        public boolean hexPayloads() {
            return false;
        }

        @Override
        public boolean promptEndsWithCrLf() {
            return false;
        }
    }

    /** One MiB of module output: what a busy gateway reads. */
    static byte[] mixedStream() {
        Random random = new Random(42);
        byte[] qird = new byte[1500];
        byte[] push = new byte[200];
        ByteArrayOutputStream out = new ByteArrayOutputStream(STREAM_BYTES + 4096);
        while (out.size() < STREAM_BYTES) {
            random.nextBytes(qird);
            random.nextBytes(push);
            out.writeBytes(ascii("\r\n+QIURC: \"recv\",0\r\n"));
            out.writeBytes(ascii("\r\n+QIRD: 1500\r\n"));
            out.writeBytes(qird);
            out.writeBytes(ascii("\r\n\r\nOK\r\n"));
            out.writeBytes(ascii("\r\n+QISTATE: 0,\"TCP\",\"220.180.239.212\",8009,65514,2,1,0,0,\"usbmodem\"\r\n\r\nOK\r\n"));
            out.writeBytes(ascii("\r\n+QIURC: \"recv\",1,200\r\n"));
            out.writeBytes(push);
            out.writeBytes(ascii("\r\n+QISEND: 9,9,0\r\n\r\nOK\r\n\r\nSEND OK\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n"));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), STREAM_BYTES);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Setup
    public void setUp(Blackhole blackhole) {
        stream = mixedStream();
        sink = new CountingSink();
        sink.blackhole = blackhole;
        framer = new Framer(sink, 4096);
    }

    @Benchmark
    public long frameOneMebibyte() {
        for (int off = 0; off < stream.length; off += chunk) {
            framer.feed(stream, off, Math.min(chunk, stream.length - off));
        }
        return sink.lines;
    }
}
