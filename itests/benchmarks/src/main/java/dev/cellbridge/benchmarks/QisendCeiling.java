package dev.cellbridge.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What the paced simulator itself allows for QISEND uploads: a client with no driver at all (one thread, blocking
 * reads on the raw socket, no framer, no hand-off) sends 1460-byte chunks with {@code AT+QISEND=0,1460}, waits for
 * the prompt, writes the payload and waits for {@code SEND OK}. Its goodput is the ceiling any driver can reach
 * through the simulator on this machine; {@link SocketGoodput}'s QISEND figures are to be read against it.
 *
 * <p>Run by hand: {@code java -cp itests/benchmarks/target/benchmarks.jar dev.cellbridge.benchmarks.QisendCeiling
 * [distrib/target/cellbridge-sim.jar] [chunks-per-run] [runs] [baud] [access-mode 0|1]}. Loopback only. Each run
 * starts its own simulator; the first 50 chunks of a run warm its JIT and are not measured.
 */
public final class QisendCeiling {

    private static final int CHUNK = 1460;
    private static final int WARM_UP_CHUNKS = 50;

    private QisendCeiling() {
    }

    public static void main(String[] args) throws Exception {
        Path simJar = Path.of(args.length > 0 ? args[0] : "distrib/target/cellbridge-sim.jar");
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int baud = args.length > 3 ? Integer.parseInt(args[3]) : 921_600;
        int accessMode = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        double[] results = new double[runs];
        for (int i = 0; i < runs; i++) {
            results[i] = run(simJar, chunks, baud, accessMode);
        }
        double[] sorted = results.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "QISEND ceiling, %d baud, access mode %d: median %.1f %% (min %.1f %%, max "
                + "%.1f %%) of %d runs%n", baud, accessMode, 100 * sorted[runs / 2], 100 * sorted[0],
                100 * sorted[runs - 1], runs);
    }

    /** @return the measured chunks' goodput as a fraction of the line rate */
    private static double run(Path simJar, int chunks, int baud, int accessMode) throws Exception {
        int total = (WARM_UP_CHUNKS + chunks) * CHUNK;
        byte[] data = new byte[total];
        new Random(total).nextBytes(data);
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sink = new Thread(() -> {
                try (Socket s = peer.accept()) {
                    if (!Arrays.equals(s.getInputStream().readNBytes(total), data)) {
                        System.err.println("the peer received corrupted data");
                    }
                } catch (IOException e) {
                    System.err.println("peer: " + e.getMessage());
                }
            }, "ceiling-peer");
            sink.setDaemon(true);
            sink.start();
            SimulatorProcess sim = SimulatorProcess.start(simJar, "--baud", String.valueOf(baud), "--route",
                    "220.180.239.212:8009=127.0.0.1:" + peer.getLocalPort());
            try (Socket module = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
                module.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(module.getInputStream());
                OutputStream out = module.getOutputStream();
                command(in, out, "ATE0", "OK\r\n");
                command(in, out, "AT+QISDE=0", "OK\r\n");
                command(in, out, "AT+QICSGP=1,1,\"internet\"", "OK\r\n");
                command(in, out, "AT+QIACT=1", "OK\r\n");
                command(in, out, "AT+QIOPEN=1,0,\"TCP\",\"220.180.239.212\",8009,0," + accessMode,
                        "+QIOPEN: 0,0\r\n");
                byte[] line = ("AT+QISEND=0," + CHUNK + "\r").getBytes(StandardCharsets.US_ASCII);
                long started = 0;
                for (int i = 0; i < WARM_UP_CHUNKS + chunks; i++) {
                    if (i == WARM_UP_CHUNKS) {
                        started = System.nanoTime();
                    }
                    out.write(line);
                    out.flush();
                    readUntil(in, ">");
                    out.write(data, i * CHUNK, CHUNK);
                    out.flush();
                    readUntil(in, "SEND OK\r\n");
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double fraction = (double) chunks * CHUNK * 10 / seconds / baud;
                System.out.printf(Locale.ROOT, "%d chunks in %.3f s = %.1f %% of line rate (%.2f ms per chunk)%n",
                        chunks, seconds, 100 * fraction, seconds * 1000 / chunks);
                sink.join(TimeUnit.SECONDS.toMillis(10));
                return fraction;
            } finally {
                sim.close();
            }
        }
    }

    private static void command(InputStream in, OutputStream out, String line, String until) throws IOException {
        out.write((line + "\r").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readUntil(in, until);
    }

    /** Reads until the text ends with {@code marker} (at most 64 KiB, so a lost answer cannot loop forever). */
    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.length() < 65_536) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the simulator closed the link; last output: " + seen);
            }
            seen.append((char) c);
            if (seen.length() >= marker.length() && seen.lastIndexOf(marker) == seen.length() - marker.length()) {
                return;
            }
        }
        throw new IOException("no \"" + marker.trim() + "\" in 64 KiB of output");
    }
}
