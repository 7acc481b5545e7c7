package dev.cellbridge.cellular.sockets;

import dev.cellbridge.cellular.ModemSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bulk transfers for the tests: random bytes written in random-sized pieces while the other side reads. */
final class Transfers {

    /** Longest a single read may wait before the test fails instead of hanging. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private Transfers() {
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code data} in pieces of 1–{@code maxPiece} bytes on a named thread; the task ends with the write. */
    static FutureTask<Void> writeInPieces(OutputStream out, byte[] data, int maxPiece, long seed, String name) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            Random r = new Random(seed);
            int off = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, 1 + r.nextInt(maxPiece));
                out.write(data, off, n);
                off += n;
            }
            out.flush();
            return null;
        });
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** Reads exactly {@code size} bytes (each read bounded by the socket's read timeout). */
    static byte[] readFully(InputStream in, int size) throws IOException {
        byte[] out = new byte[size];
        int off = 0;
        while (off < size) {
            int n = in.read(out, off, size - off);
            if (n < 0) {
                throw new IOException("end of stream after " + off + " of " + size + " bytes");
            }
            off += n;
        }
        return out;
    }

    /** Sends {@code data} through the socket to an echo peer and returns what came back. */
    static byte[] echo(ModemSocket socket, byte[] data, long seed) throws Exception {
        socket.setReadTimeout(READ_TIMEOUT);
        FutureTask<Void> writer = writeInPieces(socket.output(), data, 8192, seed, "test-writer-" + socket.connectId());
        byte[] back;
        try {
            back = readFully(socket.input(), data.length);
        } finally {
            await(writer);
        }
        return back;
    }

    static void await(FutureTask<?> task) throws Exception {
        try {
            task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        }
    }
}
