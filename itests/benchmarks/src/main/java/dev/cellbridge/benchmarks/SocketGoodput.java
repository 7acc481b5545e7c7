package dev.cellbridge.benchmarks;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.cellular.AccessMode;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.ModemSocket;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.SocketSpec;
import dev.cellbridge.serial.SerialLinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Goodput of module sockets through the simulator paced like a UART (8N1, 10 bits a byte), per access
 * mode and direction, as a fraction of the line rate; open-to-first-byte latency; the driver's CPU
 * time per MB. The simulator runs as its own process, so the CPU time is the driver's alone.
 *
 * <p>Run by hand: {@code java -cp itests/benchmarks/target/benchmarks.jar dev.cellbridge.benchmarks.SocketGoodput
 * [distrib/target/cellbridge-sim.jar] [seconds-per-run] [runs-per-case] [baud]} (the simulator's bundle jar works
 * too). Loopback only; every run is bounded. The driver's CPU time is this whole process (the peer's loopback socket
 * included); the simulator's is its process's.
 */
public final class SocketGoodput {

    private record Result(int baud, AccessMode mode, String direction, long bytes, double seconds, double cpuMsPerMb,
            double simCpuMsPerMb) {
        double fractionOfLine() {
            return bytes * 10.0 / seconds / baud;
        }
    }

    /** At most this much (and at most a second of line time) goes through unmeasured before each measured run. */
    private static final int WARM_UP_BYTES = 64 * 1024;
    private static final String UP = "module->peer";
    private static final String DOWN = "peer->module";

    private SocketGoodput() {
    }

    /**
     * @param args simulator jar, seconds of line time per run (default 6), runs per case (default 3; the median
     *             is reported, as the machine is shared), and optionally one baud rate to measure alone
     */
    public static void main(String[] args) throws Exception {
        Path simJar = Path.of(args.length > 0 ? args[0] : "distrib/target/cellbridge-sim.jar");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] bauds = args.length > 3 ? new int[] {Integer.parseInt(args[3])} : new int[] {115_200, 921_600};
        // one unmeasured round so that the driver's JIT is warm for every mode (each run warms its new simulator)
        // -Dbench.modes=TRANSPARENT,BUFFER and -Dbench.directions=up|down measure only those cases;
        // -Dbench.latency=false skips the open-to-first-byte series
        List<AccessMode> modes = Arrays.stream(System.getProperty("bench.modes", "BUFFER,DIRECT_PUSH,TRANSPARENT")
                .split(",")).map(String::trim).map(AccessMode::valueOf).toList();
        String only = System.getProperty("bench.directions", "up,down");
        String[] directions = only.equals("up") ? new String[] {UP} : only.equals("down") ? new String[] {DOWN}
                : new String[] {UP, DOWN};
        for (AccessMode mode : modes) {
            for (String direction : directions) {
                run(simJar, 921_600, mode, direction, 1);
            }
        }
        List<Result> medians = new ArrayList<>();
        for (int baud : bauds) {
            for (AccessMode mode : modes) {
                for (String direction : directions) {
                    List<Result> samples = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        Result r = run(simJar, baud, mode, direction, seconds);
                        samples.add(r);
                        System.out.printf(Locale.ROOT, "%7d baud  %-11s %-13s %9d bytes in %6.2f s = %5.1f %% of line "
                                + "rate, %6.1f ms driver CPU/MB, %6.1f ms simulator CPU/MB%n", r.baud, r.mode,
                                r.direction, r.bytes, r.seconds, 100 * r.fractionOfLine(), r.cpuMsPerMb,
                                r.simCpuMsPerMb);
                    }
                    samples.sort(Comparator.comparingDouble(Result::fractionOfLine));
                    Result median = samples.get(samples.size() / 2);
                    medians.add(new Result(baud, mode, direction, median.bytes, median.seconds,
                            median(samples.stream().mapToDouble(Result::cpuMsPerMb).toArray()),
                            median(samples.stream().mapToDouble(Result::simCpuMsPerMb).toArray())));
                    System.out.printf(Locale.ROOT, "  median of %d: %.1f %% (min %.1f %%, max %.1f %%)%n", runs,
                            100 * median.fractionOfLine(), 100 * samples.get(0).fractionOfLine(),
                            100 * samples.get(samples.size() - 1).fractionOfLine());
                }
            }
        }
        System.out.println();
        System.out.println("| baud | mode | direction | goodput (% of line rate) | driver CPU per MB "
                + "| simulator CPU per MB |");
        System.out.println("|---|---|---|---|---|---|");
        for (Result r : medians) {
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.1f %% | %.0f ms | %.0f ms |%n", r.baud, r.mode,
                    r.direction, 100 * r.fractionOfLine(), r.cpuMsPerMb, r.simCpuMsPerMb);
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.latency", "true"))) {
            return;
        }
        System.out.println();
        System.out.println("| baud | mode | open-to-first-byte (median of 15) |");
        System.out.println("|---|---|---|");
        for (int baud : bauds) {
            for (AccessMode mode : modes) {
                System.out.printf(Locale.ROOT, "| %d | %s | %.1f ms |%n", baud, mode,
                        openToFirstByte(simJar, baud, mode));
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A simulator process paced at the baud rate, routing 220.180.239.212:8009 to the peer. */
    private static SimulatorProcess startSimulator(Path jar, int baud, int peerPort) throws IOException {
        return SimulatorProcess.start(jar, "--baud", String.valueOf(baud), "--route",
                "220.180.239.212:8009=127.0.0.1:" + peerPort);
    }

    private static Result run(Path simJar, int baud, AccessMode mode, String direction, double seconds)
            throws Exception {
        // about `seconds` at the line rate, in whole 1024-byte packets: the module sends a transparent-mode remainder
        // smaller than "transpktsize" (1024) only after "transwaittm" (200 ms), which would be measured too
        long bytes = (long) (baud / 10.0 * seconds) / 1024 * 1024;
        byte[] data = new byte[(int) bytes];
        new Random(baud + mode.ordinal()).nextBytes(data);
        // the simulator starts cold each run: the same path carries an unmeasured block first, so that its JIT is
        // warm when the clock starts (a module's firmware has no warm-up)
        byte[] warmUp = new byte[(int) Math.min(WARM_UP_BYTES, baud / 10 / 1024 * 1024)];
        new Random(-baud - mode.ordinal()).nextBytes(warmUp);
        boolean up = direction.equals(UP);
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SimulatorProcess sim = startSimulator(simJar, baud, peer.getLocalPort());
            try (AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                    AtChannelOptions.defaults().withName("bench"));
                    Modem modem = Modem.open(channel, ModemOptions.defaults().withName("bench"))) {
                modem.initialize(Modem.RECOMMENDED_INIT); // echo off, as a driver should
                modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
                modem.activate(1);
                PeerSide peerSide = new PeerSide(peer, warmUp, data, up);
                Thread peerThread = new Thread(peerSide::serve, "bench-peer");
                peerThread.setDaemon(true);
                peerThread.start();
                ModemSocket socket = modem.open(SocketSpec.tcp(1, "220.180.239.212", 8009).withAccessMode(mode));
                long bound = TimeUnit.SECONDS.toMillis((long) (seconds * 20) + 30);
                if (up) {
                    socket.output().write(warmUp);
                    socket.output().flush();
                    peerSide.awaitWarmedUp(bound);
                } else {
                    peerSide.warmUpWanted.countDown();
                    if (!Arrays.equals(socket.input().readNBytes(warmUp.length), warmUp)) {
                        throw new IllegalStateException("warm-up data corrupted in " + mode + " " + direction);
                    }
                }
                long cpuBefore = processCpuNanos();
                long simCpuBefore = cpuNanos(sim.process());
                // the clock starts before the peer may send the measured block: none of it moves before
                long started = System.nanoTime();
                if (up) {
                    socket.output().write(data);
                    socket.output().flush();
                    peerThread.join(bound);
                    if (peerThread.isAlive()) {
                        throw new IllegalStateException("the peer did not receive everything in " + mode + " "
                                + direction);
                    }
                } else {
                    peerSide.dataWanted.countDown();
                    byte[] got = socket.input().readNBytes(data.length);
                    if (!Arrays.equals(got, data)) {
                        throw new IllegalStateException("data corrupted in " + mode + " " + direction);
                    }
                }
                // stops when the last byte arrived: the peer read it (up) or the application did (down)
                double elapsed = (System.nanoTime() - started) / 1e9;
                double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
                double simCpuMs = (cpuNanos(sim.process()) - simCpuBefore) / 1e6;
                if (peerSide.failure != null) {
                    throw new IllegalStateException("peer: " + peerSide.failure);
                }
                socket.close();
                return new Result(baud, mode, direction, bytes, elapsed, cpuMs / (bytes / 1e6),
                        simCpuMs / (bytes / 1e6));
            } finally {
                sim.close();
            }
        }
    }

    /** The peer: reads and checks the warm-up block, then the data (module->peer), or sends each when wanted. */
    private static final class PeerSide {
        private final ServerSocket server;
        private final byte[] warmUp;
        private final byte[] data;
        private final boolean sink;
        final CountDownLatch warmUpWanted = new CountDownLatch(1);
        final CountDownLatch dataWanted = new CountDownLatch(1);
        private final CountDownLatch warmedUp = new CountDownLatch(1);
        private volatile String failure;

        PeerSide(ServerSocket server, byte[] warmUp, byte[] data, boolean sink) {
            this.server = server;
            this.warmUp = warmUp;
            this.data = data;
            this.sink = sink;
        }

        void awaitWarmedUp(long millis) throws InterruptedException {
            if (!warmedUp.await(millis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the peer did not receive the warm-up block");
            }
        }

        void serve() {
            try (Socket s = server.accept(); InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                if (sink) {
                    check(in.readNBytes(warmUp.length), warmUp, "warm-up block");
                    warmedUp.countDown();
                    check(in.readNBytes(data.length), data, "data");
                } else {
                    warmUpWanted.await();
                    out.write(warmUp);
                    out.flush();
                    dataWanted.await();
                    out.write(data);
                    out.flush();
                    in.read(); // hold the connection until the module side closes
                }
            } catch (IOException e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void check(byte[] got, byte[] expected, String what) {
            if (!Arrays.equals(got, expected)) {
                failure = "the peer received corrupted " + what;
            }
        }
    }

    /** CPU time of the simulator process so far (0 where the platform does not tell). */
    private static long cpuNanos(Process process) {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Median time from QIOPEN to the first byte of a peer that greets at once. */
    private static double openToFirstByte(Path simJar, int baud, AccessMode mode) throws Exception {
        double[] samples = new double[15];
        try (ServerSocket peer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SimulatorProcess sim = startSimulator(simJar, baud, peer.getLocalPort());
            try (AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                    AtChannelOptions.defaults().withName("bench"));
                    Modem modem = Modem.open(channel, ModemOptions.defaults().withName("bench"))) {
                modem.initialize(Modem.RECOMMENDED_INIT);
                modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
                modem.activate(1);
                Thread greeter = new Thread(() -> {
                    for (int i = 0; i < samples.length; i++) {
                        try (Socket s = peer.accept()) {
                            s.getOutputStream().write('!');
                            s.getInputStream().read();
                        } catch (IOException e) {
                            return;
                        }
                    }
                }, "bench-greeter");
                greeter.setDaemon(true);
                greeter.start();
                for (int i = 0; i < samples.length; i++) {
                    long started = System.nanoTime();
                    ModemSocket socket = modem.open(SocketSpec.tcp(1, "220.180.239.212", 8009).withAccessMode(mode));
                    if (socket.input().read() != '!') {
                        throw new IllegalStateException("the greeting did not arrive in " + mode);
                    }
                    samples[i] = (System.nanoTime() - started) / 1e6;
                    socket.close();
                }
            } finally {
                sim.close();
            }
        }
        return median(samples);
    }
}
