package dev.cellbridge.serial.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.serial.SerialLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Moves bytes through links in both directions at once and checks them byte for byte. */
public final class Transfers {

    private static final long TIMEOUT_S = 30;

    private Transfers() {
    }

    /** {@code size} bytes holding every byte value (0..255 in order for size 256, seeded random otherwise). */
    public static byte[] data(int size, long seed) {
        byte[] data = new byte[size];
        if (size == 256) {
            for (int i = 0; i < 256; i++) {
                data[i] = (byte) i;
            }
        } else {
            new Random(seed).nextBytes(data);
        }
        return data;
    }

    /** Writes {@code xToY} on x while y reads it, and {@code yToX} on y while x reads it, all concurrently. */
    public static void both(SerialLink x, SerialLink y, byte[] xToY, byte[] yToX) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "transfer-test"));
        try {
            Future<byte[]> readY = pool.submit(() -> readExactly(y.input(), xToY.length));
            Future<byte[]> readX = pool.submit(() -> readExactly(x.input(), yToX.length));
            Future<?> writeX = pool.submit(() -> writeInChunks(x.output(), xToY));
            Future<?> writeY = pool.submit(() -> writeInChunks(y.output(), yToX));
            writeX.get(TIMEOUT_S, TimeUnit.SECONDS);
            writeY.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(readY.get(TIMEOUT_S, TimeUnit.SECONDS)).as("bytes from x to y").isEqualTo(xToY);
            assertThat(readX.get(TIMEOUT_S, TimeUnit.SECONDS)).as("bytes from y to x").isEqualTo(yToX);
        } finally {
            pool.shutdownNow();
            // readers blocked on a failed transfer wake when the test closes the links
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Writes in chunks of varying size (1 byte up to 64 KiB) so single-byte and bulk writes both run. */
    private static Void writeInChunks(OutputStream out, byte[] data) throws IOException {
        int offset = 0;
        int chunk = 1;
        while (offset < data.length) {
            int n = Math.min(chunk, data.length - offset);
            if (n == 1) {
                out.write(data[offset]);
            } else {
                out.write(data, offset, n);
            }
            offset += n;
            chunk = chunk >= 65_536 ? 1 : chunk * 4;
        }
        out.flush();
        return null;
    }

    /** Reads exactly {@code size} bytes; fails on an early end of stream. */
    public static byte[] readExactly(InputStream in, int size) throws IOException {
        byte[] data = new byte[size];
        int offset = 0;
        while (offset < size) {
            int n = in.read(data, offset, size - offset);
            if (n < 0) {
                throw new IOException("end of stream after " + offset + " of " + size + " bytes");
            }
            offset += n;
        }
        return data;
    }
}
