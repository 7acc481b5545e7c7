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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Goodput of module sockets through the simulator paced like a UART (8N1, 10 bits a byte), per access
 * mode and direction, as a fraction of the line rate; open-to-first-byte latency; the driver's CPU
 * time per MB. The simulator runs as its own process, so the CPU time is the driver's alone.
 *
 * <p>Run by hand: {@code java -cp itests/benchmarks/target/benchmarks.jar dev.cellbridge.benchmarks.SocketGoodput
 * [distrib/target/cellbridge-sim.jar] [seconds-per-run]} (the simulator's bundle jar works too). Loopback
 * only; every run is bounded.
 */
public final class SocketGoodput {

    private record Result(int baud, AccessMode mode, String direction, long bytes, double seconds, double cpuMsPerMb) {
        double fractionOfLine() {
            return bytes * 10.0 / seconds / baud;
        }
    }

    private SocketGoodput() {
    }

    public static void main(String[] args) throws Exception {
        Path simJar = Path.of(args.length > 0 ? args[0] : "distrib/target/cellbridge-sim.jar");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
        List<Result> results = new ArrayList<>();
        for (int baud : new int[] {115_200, 921_600}) {
            for (AccessMode mode : AccessMode.values()) {
                for (String direction : new String[] {"module->peer", "peer->module"}) {
                    results.add(run(simJar, baud, mode, direction, seconds));
                    Result r = results.get(results.size() - 1);
                    System.out.printf(Locale.ROOT, "%7d baud  %-11s %-13s %9d bytes in %6.2f s = %5.1f %% of line rate, "
                            + "%6.1f ms CPU/MB%n", r.baud, r.mode, r.direction, r.bytes, r.seconds,
                            100 * r.fractionOfLine(), r.cpuMsPerMb);
                }
            }
        }
        System.out.println();
        System.out.println("| baud | mode | direction | goodput (% of line rate) | driver CPU per MB |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.1f %% | %.0f ms |%n", r.baud, r.mode, r.direction,
                    100 * r.fractionOfLine(), r.cpuMsPerMb);
        }
        System.out.println();
        System.out.println("open-to-first-byte at 921600 baud (direct push), median of 15: "
                + String.format(Locale.ROOT, "%.1f ms", openToFirstByte(simJar)));
    }

    /** A simulator process paced at the baud rate, routing 220.180.239.212:8009 to the peer. */
    private static Process startSimulator(Path jar, int baud, int peerPort) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar.toString(), "dev.cellbridge.simulator.internal.Main", "--tcp", "0", "--baud", String.valueOf(baud), "--route",
                "220.180.239.212:8009=127.0.0.1:" + peerPort).redirectErrorStream(true).start();
    }

    private static int listeningPort(Process sim) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.US_ASCII));
        String first = out.readLine();
        if (first == null || !first.startsWith("LISTENING ")) {
            throw new IOException("the simulator did not start: " + first);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "sim-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(first.substring("LISTENING ".length()).trim());
    }

    private static Result run(Path simJar, int baud, AccessMode mode, String direction, double seconds)
            throws Exception {
        long bytes = (long) (baud / 10.0 * seconds); // about `seconds` at the line rate
        byte[] data = new byte[(int) bytes];
        new Random(baud + mode.ordinal()).nextBytes(data);
        boolean up = direction.equals("module->peer");
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process sim = startSimulator(simJar, baud, peer.getLocalPort());
            try (AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + listeningPort(sim)),
                    AtChannelOptions.defaults().withName("bench"));
                    Modem modem = Modem.open(channel, ModemOptions.defaults().withName("bench"))) {
                modem.initialize(Modem.RECOMMENDED_INIT); // echo off, as a driver should
                modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
                modem.activate(1);
                Thread peerThread = new Thread(() -> servePeer(peer, data, up), "bench-peer");
                peerThread.setDaemon(true);
                peerThread.start();
                ModemSocket socket = modem.open(SocketSpec.tcp(1, "220.180.239.212", 8009).withAccessMode(mode));
                long cpuBefore = processCpuNanos();
                long started = System.nanoTime();
                if (up) {
                    socket.output().write(data);
                    socket.output().flush();
                    peerThread.join(TimeUnit.SECONDS.toMillis((long) (seconds * 20) + 30));
                } else {
                    byte[] got = socket.input().readNBytes(data.length);
                    if (!Arrays.equals(got, data)) {
                        throw new IllegalStateException("data corrupted in " + mode + " " + direction);
                    }
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
                socket.close();
                return new Result(baud, mode, direction, bytes, elapsed, cpuMs / (bytes / 1e6));
            } finally {
                sim.destroy();
                sim.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends the data (peer->module) or reads and checks it (module->peer). */
    private static void servePeer(ServerSocket server, byte[] data, boolean sink) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            if (sink) {
                byte[] got = in.readNBytes(data.length);
                if (!Arrays.equals(got, data)) {
                    System.err.println("peer received corrupted data");
                }
            } else {
                out.write(data);
                out.flush();
                in.read(); // hold the connection until the module side closes
            }
        } catch (IOException e) {
            System.err.println("peer: " + e.getMessage());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double openToFirstByte(Path simJar) throws Exception {
        double[] samples = new double[15];
        try (ServerSocket peer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process sim = startSimulator(simJar, 921_600, peer.getLocalPort());
            try (AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + listeningPort(sim)),
                    AtChannelOptions.defaults().withName("bench"));
                    Modem modem = Modem.open(channel, ModemOptions.defaults().withName("bench"))) {
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
                    ModemSocket socket = modem.open(SocketSpec.tcp(1, "220.180.239.212", 8009)
                            .withAccessMode(AccessMode.DIRECT_PUSH));
                    socket.input().read();
                    samples[i] = (System.nanoTime() - started) / 1e6;
                    socket.close();
                }
            } finally {
                sim.destroy();
                sim.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
