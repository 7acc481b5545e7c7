package dev.cellbridge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.serial.SerialLinkException.Reason;
import dev.cellbridge.serial.testing.SocatPair;
import dev.cellbridge.serial.testing.Transfers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Serial links over real pseudo-terminal pairs made by socat. */
class SerialPortLinkTest {

    @TempDir
    Path dir;

    private SocatPair socat;
    private SerialLink a;
    private SerialLink b;

    @BeforeEach
    void startSocat() throws Exception {
        socat = SocatPair.start(dir);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (SerialLink link : new SerialLink[] {a, b}) {
            if (link != null) {
                link.close();
            }
        }
        socat.close();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 2, 255, 256, 4_095, 65_537, 1 << 20})
    void bytesCrossBothWaysByteForByte(int size) throws Exception {
        a = SerialLinks.open("serial:" + socat.a() + "?baud=921600");
        b = SerialLinks.open(socat.b());
        Transfers.both(a, b, Transfers.data(size, size), Transfers.data(size, ~size));
    }

    @Test
    void everyByteValueArrivesAlone() throws Exception {
        a = SerialLinks.open(socat.a());
        b = SerialLinks.open(socat.b());
        for (int value = 0; value < 256; value++) {
            a.output().write(value);
            assertThat(b.input().read()).as("byte value %d", value).isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "?baud=9600", "?baud=115200&databits=8&parity=none&stopbits=1&flow=none", "?baud=921600&stopbits=2",
        "?baud=3000000&parity=even", "?baud=230400&parity=odd&stopbits=2", "?parity=mark", "?parity=space",
        "?stopbits=1.5", "?baud=460800&flow=rtscts"})
    void binaryDataPassesWithLineSettings(String parameters) throws Exception {
        a = SerialLinks.open("serial:" + socat.a() + parameters);
        b = SerialLinks.open("serial:" + socat.b() + parameters);
        Transfers.both(a, b, Transfers.data(256, 0), Transfers.data(70_000, 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?databits=7&parity=even", "?databits=5", "?databits=6&parity=odd", "?flow=xonxoff"})
    void textPassesWithNarrowOrSoftwareFlowSettings(String parameters) throws Exception {
        // 7 data bits strip bit 7 and XON/XOFF consumes 0x11/0x13: plain text passes unchanged
        a = SerialLinks.open("serial:" + socat.a() + parameters);
        b = SerialLinks.open("serial:" + socat.b() + parameters);
        byte[] text = "AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0,1\r\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
        Transfers.both(a, b, text, text);
    }

    @Test
    void lineSettingsReachTheTerminal() throws Exception {
        a = SerialLinks.open("serial:" + socat.a() + "?baud=921600&databits=7&parity=even&stopbits=2&flow=rtscts");
        String stty = Stty.settings(socat.a());
        assertThat(stty).contains("speed 921600 baud").contains(" cstopb ").contains(" crtscts")
                .contains(" istrip ").contains(" inpck ").contains(" -ixon ").contains(" -ixoff ")
                .contains(" -icanon ").contains(" -echo ").contains(" -opost ");
        a.close();
        a = SerialLinks.open("serial:" + socat.a() + "?baud=9600&flow=xonxoff");
        assertThat(Stty.settings(socat.a())).contains("speed 9600 baud").contains(" -cstopb ").contains(" -crtscts")
                .contains(" -istrip ").contains(" -inpck ").contains(" ixon ").contains(" ixoff ");
    }

    @Test
    void linkReportsItsUriAndHasNoModemLinesOnAPseudoTerminal() throws Exception {
        String uri = "serial:" + socat.a() + "?baud=921600";
        a = SerialLinks.open(uri);
        assertThat(a.uri()).isEqualTo(uri);
        assertThat(a.isOpen()).isTrue();
        // pseudo-terminals have no DTR/DCD lines
        assertThat(a.hasDtr()).isFalse();
        assertThat(a.dcd()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> a.setDtr(false)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage(socat.a() + ": the port has no modem control lines (DTR)");
        b = SerialLinks.open(LinkUri.parse(socat.b()));
        assertThat(b.uri()).isEqualTo("serial:" + socat.b() + "?baud=115200&databits=8&parity=none&stopbits=1&flow=none");
    }

    @Test
    void closeWakesABlockedReaderWithEndOfStream() throws Exception {
        a = SerialLinks.open(socat.a());
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOrThrow(a));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
        a.close();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(a.isOpen()).isFalse();
        assertThat(a.input().read()).isEqualTo(-1);
        assertThatThrownBy(() -> a.output().write(1)).isInstanceOf(SerialLinkException.class)
                .hasMessage(socat.a() + ": link is closed");
        a.close(); // idempotent
    }

    @Test
    void readerBlocksUntilTheFirstByteAndReturnsWhatIsThere() throws Exception {
        a = SerialLinks.open(socat.a());
        b = SerialLinks.open(socat.b());
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            byte[] buffer = new byte[100];
            int n = readOrThrow(a, buffer);
            return java.util.Arrays.copyOf(buffer, n);
        });
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
        b.output().write("OK\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(read.get(5, TimeUnit.SECONDS), StandardCharsets.US_ASCII)).isIn("OK\r\n", "O", "OK", "OK\r");
    }

    @Test
    void deviceDisappearingEndsABlockedRead() throws Exception {
        a = SerialLinks.open(socat.a());
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOrThrow(a));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
        socat.kill();
        Throwable thrown = read.handle((value, e) -> e).get(5, TimeUnit.SECONDS);
        // CompletionException(IllegalStateException(SerialLinkException))
        assertThat(thrown).isNotNull().cause().cause().isInstanceOf(SerialLinkException.class)
                .hasMessageStartingWith(socat.a() + ": ");
        SerialLinkException failure = (SerialLinkException) thrown.getCause().getCause();
        assertThat(failure.reason()).isEqualTo(Reason.LINK_LOST);
        assertThat(failure.getMessage()).containsAnyOf("the device is gone", "the device disappeared");
        assertThat(a.isOpen()).isFalse();
        assertThatThrownBy(() -> a.input().read()).isSameAs(failure);
        assertThatThrownBy(() -> a.output().write(new byte[] {1, 2})).isSameAs(failure);
    }

    @Test
    void deviceDisappearingFailsTheNextWrite() throws Exception {
        a = SerialLinks.open(socat.a());
        socat.kill();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) { // the first writes may still land in the kernel buffer
                a.output().write(new byte[4096]);
            }
        }).isInstanceOf(SerialLinkException.class).hasMessageStartingWith(socat.a() + ": write failed");
        assertThat(a.isOpen()).isFalse();
    }

    @Test
    void deviceCanBeOpenedAgainAfterItCameBack() throws Exception {
        a = SerialLinks.open(socat.a());
        socat.kill();
        assertThatThrownBy(() -> a.input().read()).isInstanceOf(SerialLinkException.class);
        a.close();
        assertThatThrownBy(() -> SerialLinks.open(socat.a())).isInstanceOf(SerialLinkException.class)
                .hasMessage(socat.a() + ": no such device");
        socat.start();
        a = SerialLinks.open(socat.a());
        b = SerialLinks.open(socat.b());
        Transfers.both(a, b, Transfers.data(256, 0), Transfers.data(1000, 2));
    }

    @Test
    void interruptingAReaderLeavesTheLinkOpen() throws Exception {
        a = SerialLinks.open(socat.a());
        b = SerialLinks.open(socat.b());
        Thread reader = new Thread(() -> {
            try {
                a.input().read();
            } catch (IOException e) {
                Thread.currentThread().setName("reader-" + e.getClass().getSimpleName());
            }
        }, "reader");
        reader.start();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(reader::isAlive);
        reader.interrupt();
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(reader.getName()).isEqualTo("reader-InterruptedIOException");
        assertThat(a.isOpen()).isTrue();
        b.output().write(42);
        assertThat(a.input().read()).isEqualTo(42);
    }

    private static int readOrThrow(SerialLink link) {
        try {
            return link.input().read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int readOrThrow(SerialLink link, byte[] buffer) {
        try {
            return link.input().read(buffer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
