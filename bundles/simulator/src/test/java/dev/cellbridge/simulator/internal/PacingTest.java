package dev.cellbridge.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.simulator.SimulatorOptions;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * {@code --baud}: both directions are paced like an 8N1 UART (10 bit times a byte). The pacers run on virtual clocks
 * that advance only by what they wait, so the line time they account is checked exactly, with no timed assertion.
 */
class PacingTest {
    /** 10000 baud: 10 bits a byte take exactly one millisecond. */
    private static final int BAUD = 10_000;
    private static final long BYTE_NANOS = 1_000_000;

    /** Virtual time: moves only when a pacer waits (or the test says time passed). */
    static class VirtualClock implements LineClock {
        final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void parkNanos(long nanos) {
            now.addAndGet(nanos);
        }

        long elapsed() {
            return now.get();
        }
    }

    /** Virtual time that oversleeps every park by a fixed amount, like a real timer's slack. */
    static class OversleepingClock extends VirtualClock {
        private final long oversleep;

        OversleepingClock(long oversleep) {
            this.oversleep = oversleep;
        }

        @Override
        public void parkNanos(long nanos) {
            super.parkNanos(nanos + oversleep);
        }
    }

    /** Virtual time that records, wait by wait, whether it was asked to be precise. */
    static class RecordingClock extends VirtualClock {
        final List<Boolean> precise = new ArrayList<>();

        @Override
        public synchronized void parkNanos(long nanos) {
            precise.add(false);
            super.parkNanos(nanos);
        }

        @Override
        public synchronized void parkNanosPrecisely(long nanos) {
            precise.add(true);
            super.parkNanos(nanos);
        }
    }

    /** Records the size of every write it receives, and the thread that wrote it. */
    static final class RecordingStream extends ByteArrayOutputStream {
        final List<Integer> writes = new ArrayList<>();
        final List<String> writers = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            writes.add(1);
            writers.add(Thread.currentThread().getName());
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            writers.add(Thread.currentThread().getName());
            super.write(b, off, len);
        }
    }

    @Test
    void eachByteTakesTenBitTimes() {
        VirtualClock clock = new VirtualClock();
        Pacer pacer = new Pacer(BAUD, clock);
        pacer.pace(96);
        assertThat(clock.elapsed()).isEqualTo(96 * BYTE_NANOS);
        pacer.pace(4);
        assertThat(clock.elapsed()).isEqualTo(100 * BYTE_NANOS);
        assertThat(new Pacer(115_200, clock).active()).isTrue();
        assertThat(new Pacer(0, clock).active()).isFalse();
    }

    @Test
    void idleTimeIsNotBanked() {
        VirtualClock clock = new VirtualClock();
        Pacer pacer = new Pacer(BAUD, clock);
        pacer.pace(1);
        clock.parkNanos(50 * BYTE_NANOS); // the line was idle
        long before = clock.elapsed();
        pacer.pace(10);
        assertThat(clock.elapsed() - before).isEqualTo(10 * BYTE_NANOS);
    }

    @Test
    void oversleepingDoesNotAddUpWithinAWrite() throws Exception {
        CountDownLatch bothHandedOver = new CountDownLatch(1);
        OversleepingClock clock = new OversleepingClock(BYTE_NANOS / 4) {
            @Override
            public void parkNanos(long nanos) {
                try {
                    bothHandedOver.await(); // the line stays busy with the first write until the second is queued
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.parkNanos(nanos);
            }
        };
        HostOutput output = new HostOutput(new Pacer(BAUD, clock));
        try {
            output.attach(new RecordingStream());
            output.write(new byte[1000]); // 16 slices, 16 waits
            output.write(new byte[500]);  // handed over while the line is busy: it follows without a gap
            bothHandedOver.countDown();
            output.awaitSent();
            // only the last wait's lateness shows: every slice was due at a time fixed when the line took it
            assertThat(clock.elapsed()).isEqualTo(1500 * BYTE_NANOS + BYTE_NANOS / 4);
        } finally {
            output.stop();
        }
    }

    @Test
    void theLastWaitsLatenessIsMadeUpByTheNextWrite() {
        OversleepingClock clock = new OversleepingClock(BYTE_NANOS / 4);
        Pacer pacer = new Pacer(BAUD, clock);
        for (int i = 0; i < 100; i++) {
            pacer.pace(10);
        }
        // 100 back-to-back writes take the line time of their bytes plus one oversleep, not a hundred
        assertThat(clock.elapsed()).isEqualTo(1000 * BYTE_NANOS + BYTE_NANOS / 4);
    }

    @Test
    void idleTimeIsNotBankedWhenTheClockOversleeps() {
        OversleepingClock clock = new OversleepingClock(BYTE_NANOS / 4);
        Pacer pacer = new Pacer(BAUD, clock);
        pacer.pace(1);
        clock.now.addAndGet(50 * BYTE_NANOS); // the writer paused
        long before = clock.elapsed();
        pacer.pace(10);
        // the pause is not made up: 10 byte times, less the quarter byte the wait before the pause overslept,
        // plus this wait's own quarter byte
        assertThat(clock.elapsed() - before).isEqualTo(10 * BYTE_NANOS);
    }

    @Test
    void stalledLineGivesBackWhatItReserved() {
        VirtualClock clock = new VirtualClock();
        Pacer pacer = new Pacer(BAUD, clock);
        long start = pacer.reserve(100);
        pacer.awaitUntil(start + pacer.nanosFor(10));
        pacer.stalled(); // 90 reserved bytes never went: flow control held them
        clock.parkNanos(5 * BYTE_NANOS);
        long before = clock.elapsed();
        pacer.pace(90);
        assertThat(clock.elapsed() - before).isEqualTo(90 * BYTE_NANOS);
    }

    @Test
    void baudRatesKeepTheirFraction() {
        Pacer pacer = new Pacer(921_600, new VirtualClock());
        // 92160 bytes a second exactly: integer nanoseconds per byte would drift by 0.006 %
        assertThat(pacer.nanosFor(92_160)).isEqualTo(1_000_000_000L);
    }

    @Test
    void unpacedLineNeverWaits() {
        VirtualClock clock = new VirtualClock();
        new Pacer(0, clock).pace(1_000_000);
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void pacedOutputAccountsEveryByteOfALongWrite() throws Exception {
        VirtualClock clock = new VirtualClock();
        HostOutput output = new HostOutput(new Pacer(BAUD, clock));
        try {
            RecordingStream line = new RecordingStream();
            output.attach(line);
            byte[] payload = new byte[1000];
            output.write(payload);
            output.awaitSent();
            assertThat(line.size()).isEqualTo(1000);
            assertThat(clock.elapsed()).isEqualTo(1000 * BYTE_NANOS);
            // written in slices so the rate holds within one payload
            assertThat(line.writes).hasSize(16).allMatch(n -> n <= 64);
        } finally {
            output.stop();
        }
    }

    @Test
    void onlyTheWaitThatEndsAUnitIsPrecise() throws Exception {
        RecordingClock clock = new RecordingClock();
        HostOutput output = new HostOutput(new Pacer(BAUD, clock));
        try {
            output.attach(new RecordingStream());
            output.write(new byte[200]); // slices of 64, 64, 64 and 8: the host acts on the last
            output.awaitSent();
            assertThat(clock.precise).containsExactly(false, false, false, true);
            assertThat(clock.elapsed()).isEqualTo(200 * BYTE_NANOS);
        } finally {
            output.stop();
        }
    }

    @Test
    void aShortAnswerDueSoonIsWrittenByItsWriterOnceItHasPassed() throws Exception {
        RecordingClock clock = new RecordingClock();
        Pacer pacer = new Pacer(921_600, clock);
        HostOutput output = new HostOutput(pacer);
        try {
            RecordingStream line = new RecordingStream();
            output.attach(line);
            // SEND OK: 11 bytes, 119 µs at 921600 baud, passes the idle line before the line's thread could wake
            output.write("\r\nSEND OK\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(line.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\nSEND OK\r\n");
            assertThat(line.writers).containsExactly(Thread.currentThread().getName());
            assertThat(clock.precise).containsExactly(true);
            assertThat(clock.elapsed()).isEqualTo(pacer.nanosFor(11));
            // 64 bytes take 694 µs: handed to the line's thread
            output.write(new byte[64]);
            output.awaitSent();
            assertThat(line.writers).hasSize(2).last().isNotEqualTo(Thread.currentThread().getName());
            assertThat(clock.elapsed()).isEqualTo(pacer.nanosFor(11) + pacer.nanosFor(64));
        } finally {
            output.stop();
        }
    }

    @Test
    void aPreciseWaitOnTheRealClockNeverEndsEarly() {
        for (long nanos : new long[] {1_000, 100_000, 400_000}) {
            long start = System.nanoTime();
            LineClock.SYSTEM.parkNanosPrecisely(nanos);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(nanos);
        }
    }

    @Test
    void aPacedLineKeepsWritesWholeAndInOrderAndStopsItsThread() throws Exception {
        HostOutput output = new HostOutput(new Pacer(BAUD, new VirtualClock()));
        RecordingStream line = new RecordingStream();
        output.attach(line);
        for (int i = 0; i < 100; i++) {
            output.write(("<" + i + ">").getBytes(StandardCharsets.US_ASCII)); // more than the FIFO holds at times
        }
        output.awaitSent();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append('<').append(i).append('>');
        }
        assertThat(line.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        output.stop();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().endsWith("host-tx") && t.isAlive());
    }

    @Test
    void fragmentWritesOneBytePerWrite() {
        HostOutput output = new HostOutput(new Pacer(0, new VirtualClock()));
        RecordingStream line = new RecordingStream();
        output.attach(line);
        output.write("OK\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(line.writes).containsExactly(4);
        output.fragment(true);
        output.write("\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(line.writes).containsExactly(4, 1, 1, 1, 1, 1, 1);
        output.fragment(false);
        output.write("ab".getBytes(StandardCharsets.US_ASCII));
        assertThat(line.writes).containsExactly(4, 1, 1, 1, 1, 1, 1, 2);
        assertThat(line.toString(StandardCharsets.US_ASCII)).isEqualTo("OK\r\n\r\nOK\r\nab");
    }

    @Test
    void anAnswerCountsFromWhenItsInputPassedTheLineNotFromWhenItWasWritten() throws Exception {
        VirtualClock inputClock = new VirtualClock();
        VirtualClock outputClock = new VirtualClock();
        Pacer input = new Pacer(BAUD, inputClock);
        HostOutput output = new HostOutput(new Pacer(BAUD, outputClock));
        try {
            RecordingStream line = new RecordingStream();
            output.attach(line);
            outputClock.now.set(100 * BYTE_NANOS);
            // the reader woke (and the modem answered) 1.5 byte times after the input's last byte passed
            inputClock.now.set(50 * BYTE_NANOS + BYTE_NANOS * 3 / 2);
            output.answering(input, 50 * BYTE_NANOS);
            // capped at MAX_ANSWER_LATENESS_NANOS (one byte time at this baud): one byte has passed already
            output.write(new byte[] {'>'});
            assertThat(line.toByteArray()).containsExactly('>');
            assertThat(outputClock.elapsed()).isEqualTo(100 * BYTE_NANOS);
            // the next answer starts where the first ended (the line is not free earlier): 3 byte times from now
            output.write("abc".getBytes(StandardCharsets.US_ASCII));
            output.awaitSent();
            assertThat(line.toString(StandardCharsets.US_ASCII)).isEqualTo(">abc");
            assertThat(outputClock.elapsed()).isEqualTo(103 * BYTE_NANOS);
            output.answered();
            // not answering input: paced from the write, as before
            output.write(new byte[] {'!'});
            output.awaitSent();
            assertThat(outputClock.elapsed()).isEqualTo(104 * BYTE_NANOS);
        } finally {
            output.stop();
        }
    }

    @Test
    void onlyTheAnsweringThreadsWritesCountFromTheInput() throws Exception {
        VirtualClock inputClock = new VirtualClock();
        VirtualClock outputClock = new VirtualClock();
        Pacer input = new Pacer(BAUD, inputClock);
        HostOutput output = new HostOutput(new Pacer(BAUD, outputClock));
        try {
            RecordingStream line = new RecordingStream();
            output.attach(line);
            inputClock.now.set(10 * BYTE_NANOS);
            output.answering(input, 0);
            Thread urc = new Thread(() -> output.write("URC".getBytes(StandardCharsets.US_ASCII)), "test-urc");
            urc.start();
            urc.join(10_000);
            output.awaitSent();
            assertThat(line.toString(StandardCharsets.US_ASCII)).isEqualTo("URC");
            assertThat(outputClock.elapsed()).isEqualTo(3 * BYTE_NANOS);
        } finally {
            output.stop();
        }
    }

    @Test
    void lateWakeUpMadeUpByTheAnswerIsNotMadeUpAgainByTheNextInput() {
        OversleepingClock inputClock = new OversleepingClock(BYTE_NANOS / 2);
        Pacer input = new Pacer(BAUD, inputClock);
        HostOutput output = new HostOutput(new Pacer(BAUD, new VirtualClock()));
        try {
            output.attach(new RecordingStream());
            long start = input.reserve(4);
            input.awaitUntil(start + input.nanosFor(4)); // wakes half a byte time late
            output.answering(input, start + input.nanosFor(4));
            output.write(new byte[] {'>'});
            output.answered();
            // the host's next input starts now: the half byte time was given to the answer already
            assertThat(input.reserve(1)).isEqualTo(inputClock.nanoTime());
        } finally {
            output.stop();
        }
    }

    @Test
    void simulatorPacesHostInputAndOutputSeparately() throws Exception {
        VirtualClock input = new VirtualClock();
        VirtualClock output = new VirtualClock();
        Engine engine = new Engine(SimulatorOptions.builder().baud(BAUD).build(), input, output);
        try (Socket host = new Socket(InetAddress.getLoopbackAddress(), engine.port())) {
            host.setSoTimeout(10_000);
            InputStream in = host.getInputStream();
            String sent = "ATE0\rAT+CSQ\r";
            host.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
            String expected = "ATE0\r\r\nOK\r\n\r\n+CSQ: 24,99\r\n\r\nOK\r\n";
            assertThat(new String(in.readNBytes(expected.length()), StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(input.elapsed()).isEqualTo(sent.length() * BYTE_NANOS);
            assertThat(output.elapsed()).isEqualTo(expected.length() * BYTE_NANOS);
        } finally {
            engine.stop();
        }
    }
}
