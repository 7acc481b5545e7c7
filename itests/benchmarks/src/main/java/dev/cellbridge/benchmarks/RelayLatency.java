package dev.cellbridge.benchmarks;

import com.google.gson.JsonParser;
import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.ModemOptions;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.relay.internal.Relay;
import dev.cellbridge.serial.SerialLinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The relay's latency and throughput on loopback (prints numbers; not a test):
 * <ol>
 * <li>URC to EventAdmin and URC to MQTT: a module link this harness drives ({@code tcp://}) writes a URC line every
 * millisecond; the time from writing it to its {@code postEvent} and to its arrival at an MQTT subscriber (a real
 * Mosquitto on loopback) gives p50/p99/max, with the disk queue's fsync off and on.</li>
 * <li>Socket to MQTT: the simulator (its own process, unpaced) routes a TCP socket to a peer that streams bytes; a
 * fleet command opens it; the subscriber's bytes per second on {@code socket/<id>/rx}.</li>
 * </ol>
 * Run after {@code mvn -q package -DskipTests}: {@code java -cp itests/benchmarks/target/benchmarks.jar
 * dev.cellbridge.benchmarks.RelayLatency [distrib/target/cellbridge-sim.jar] [samples]}. Needs
 * {@code /usr/sbin/mosquitto}.
 */
public final class RelayLatency {

    private static final String MOSQUITTO = "/usr/sbin/mosquitto";

    private RelayLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path simJar = Path.of(args.length > 0 ? args[0] : "distrib/target/cellbridge-sim.jar");
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Path work = Files.createTempDirectory("relay-bench");
        Process broker = null;
        try {
            int port = freePort();
            broker = mosquitto(work, port);
            String url = "tcp://127.0.0.1:" + port;
            System.out.printf(Locale.ROOT, "URC latency, %d samples, 1 URC/ms, QoS 1, Mosquitto on loopback%n", samples);
            if (samples > 0) {
                for (boolean fsync : new boolean[] {false, true}) {
                    latency(url, work.resolve("outbox-" + fsync), samples, fsync);
                }
            }
            for (String mode : args.length > 2 ? new String[] {args[2]} : new String[] {"buffer", "push"}) {
                throughput(url, simJar, work.resolve("outbox-tp-" + mode), mode, 32 << 20);
            }
        } finally {
            if (broker != null) {
                broker.destroy();
                broker.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void latency(String url, Path outbox, int samples, boolean fsync) throws Exception {
        int warmup = 500;
        int total = warmup + samples;
        long[] written = new long[total];
        long[] posted = new long[total];
        long[] arrived = new long[total];
        CountDownLatch all = new CountDownLatch(total);
        EventAdmin ea = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                long now = System.nanoTime();
                int i = index(String.valueOf(event.getProperty("urc")));
                if (i >= 0) {
                    posted[i] = now;
                }
            }

            @Override
            public void sendEvent(Event event) {
                postEvent(event);
            }
        };
        try (ServerSocket fakeModule = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + fakeModule.getLocalPort()),
                    AtChannelOptions.defaults().withName("bench"));
            Socket link = fakeModule.accept();
            link.setTcpNoDelay(true);
            Modem modem = Modem.open(channel, ModemOptions.defaults().withName("bench"));
            Relay relay = Relay.standalone("bench-" + fsync, outbox, url, 1, fsync, ea);
            MqttClient sub = subscriber(url, relay.topicPrefix() + "urc/OTHER", (topic, payload) -> {
                long now = System.nanoTime();
                int i = index(JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject()
                        .get("urc").getAsString());
                if (i >= 0 && arrived[i] == 0) {
                    arrived[i] = now;
                    all.countDown();
                }
            });
            try {
                awaitConnected(relay);
                relay.addModem("bench", modem, "UP");
                OutputStream out = link.getOutputStream();
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    // park, not spin: on a 2-core machine a spinning pacer would take a core from the relay
                    for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    byte[] line = ("\r\n+CBBENCH: " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    written[i] = System.nanoTime();
                    out.write(line);
                    out.flush();
                    next = written[i] + 1_000_000;
                }
                if (!all.await(60, TimeUnit.SECONDS)) {
                    System.out.println("  not every URC arrived: " + all.getCount() + " missing");
                }
                long[] toEa = new long[samples];
                long[] toMqtt = new long[samples];
                for (int i = 0; i < samples; i++) {
                    toEa[i] = posted[warmup + i] - written[warmup + i];
                    toMqtt[i] = arrived[warmup + i] - written[warmup + i];
                }
                String disk = fsync ? "fsync on " : "fsync off";
                System.out.printf(Locale.ROOT, "  %s  URC -> EventAdmin: %s%n", disk, percentiles(toEa));
                System.out.printf(Locale.ROOT, "  %s  URC -> MQTT:       %s%n", disk, percentiles(toMqtt));
            } finally {
                sub.disconnect();
                sub.close();
                relay.close();
                modem.close();
                channel.close();
                link.close();
            }
        }
    }

    private static void throughput(String url, Path simJar, Path outbox, String mode, int bytes) throws Exception {
        try (ServerSocket talker = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                for (int connection = 0; connection < 2; connection++) { // the baseline, then the relay
                    try (Socket s = talker.accept(); OutputStream out = s.getOutputStream()) {
                        byte[] chunk = new byte[16 * 1024];
                        Arrays.fill(chunk, (byte) 'x');
                        for (int sent = 0; sent < bytes; sent += chunk.length) {
                            out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                        }
                        out.flush();
                        s.getInputStream().read(); // keep the connection until the reader closes it
                    } catch (IOException e) {
                        // the run ended
                    }
                }
            }, "bench-talker");
            peer.setDaemon(true);
            peer.start();
            SimulatorProcess sim = SimulatorProcess.start(simJar, "--route",
                    "220.180.239.212:8009=127.0.0.1:" + talker.getLocalPort());
            try {
                AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                        AtChannelOptions.defaults().withName("tp"));
                Modem modem = Modem.open(channel, ModemOptions.defaults().withName("modem"));
                modem.initialize(Modem.RECOMMENDED_INIT);
                modem.configureContext(PdpContextConfig.ipv4(1, "UNINET"));
                modem.activate(1);
                // baseline: the same bytes read straight from the module socket, no relay
                double direct = direct(modem, mode, bytes);
                Relay relay = Relay.standalone("tp-" + mode, outbox, url, 1, false, null);
                AtomicLong received = new AtomicLong();
                AtomicLong firstAt = new AtomicLong();
                CountDownLatch done = new CountDownLatch(1);
                // Paho's receiver parses a PUBLISH byte by byte (it, not the relay, was the limit at about 5 MB/s):
                // count with a minimal MQTT 3.1.1 reader instead
                RawSubscriber sub = new RawSubscriber(url, relay.topicPrefix() + "socket/+/rx", n -> {
                    firstAt.compareAndSet(0, System.nanoTime());
                    if (received.addAndGet(n) >= bytes) {
                        done.countDown();
                    }
                });
                MqttClient commands = subscriber(url, relay.topicPrefix() + "reply/+", (topic, payload) -> { });
                try {
                    awaitConnected(relay);
                    relay.addModem("modem", modem, "UP");
                    long start = System.nanoTime();
                    commands.publish(relay.topicPrefix() + "cmd/open", ("{\"requestId\":\"tp\",\"serviceType\":\"TCP\","
                            + "\"host\":\"220.180.239.212\",\"port\":8009,\"accessMode\":\"" + mode + "\"}")
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                    boolean complete = done.await(120, TimeUnit.SECONDS);
                    long end = System.nanoTime();
                    if (!complete) {
                        System.out.println("  stalled: " + relay.status());
                        Thread.getAllStackTraces().forEach((t, st) -> {
                            if (t.getName().startsWith("cellbridge") || t.getName().startsWith("MQTT")) {
                                System.out.println("  " + t.getName() + " " + t.getState());
                                for (int i = 0; i < Math.min(8, st.length); i++) {
                                    System.out.println("      at " + st[i]);
                                }
                            }
                        });
                    }
                    double seconds = (end - start) / 1e9;
                    System.out.printf(Locale.ROOT, "socket -> MQTT (%s mode, %d MB, QoS 1): %.1f MB/s%s; the same socket "
                            + "read directly, no relay: %.1f MB/s%n", mode, bytes >> 20,
                            received.get() / seconds / (1 << 20),
                            complete ? "" : " (incomplete: " + received.get() + " bytes)", direct);
                } finally {
                    sub.close();
                    commands.disconnect();
                    commands.close();
                    relay.close();
                    modem.close();
                    channel.close();
                }
            } finally {
                sim.close();
            }
        }
    }

    /** MB/s of reading {@code bytes} from the talker through the module socket alone. */
    private static double direct(Modem modem, String mode, int bytes) throws IOException {
        dev.cellbridge.cellular.SocketSpec spec = dev.cellbridge.cellular.SocketSpec.tcp(1, "220.180.239.212", 8009)
                .withAccessMode(mode.equals("push") ? dev.cellbridge.cellular.AccessMode.DIRECT_PUSH
                        : dev.cellbridge.cellular.AccessMode.BUFFER);
        long start = System.nanoTime();
        long got = 0;
        try (dev.cellbridge.cellular.ModemSocket s = modem.open(spec)) {
            InputStream in = s.input();
            byte[] buf = new byte[16 * 1024];
            int n;
            while (got < bytes && (n = in.read(buf)) >= 0) {
                got += n;
            }
        }
        return got / ((System.nanoTime() - start) / 1e9) / (1 << 20);
    }

    /** A minimal MQTT 3.1.1 subscriber (QoS 0) that counts payload bytes, reading whole packets at once. */
    private static final class RawSubscriber implements AutoCloseable {
        private final Socket socket;
        private final Thread reader;

        RawSubscriber(String url, String filter, java.util.function.IntConsumer payloadBytes) throws IOException {
            java.net.URI uri = java.net.URI.create(url);
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                    socket.getInputStream(), 1 << 16));
            byte[] id = ("bench-raw-" + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream connect = new java.io.ByteArrayOutputStream();
            connect.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) id.length});
            connect.writeBytes(id);
            packet(out, 0x10, connect.toByteArray());
            readPacket(in); // CONNACK
            byte[] f = filter.getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream sub = new java.io.ByteArrayOutputStream();
            sub.writeBytes(new byte[] {0, 1, (byte) (f.length >> 8), (byte) f.length});
            sub.writeBytes(f);
            sub.write(0);
            packet(out, 0x82, sub.toByteArray());
            readPacket(in); // SUBACK
            reader = new Thread(() -> {
                try {
                    while (true) {
                        byte[][] p = readPacket(in);
                        if ((p[0][0] & 0xF0) == 0x30) {
                            byte[] body = p[1];
                            int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                            int qosBytes = (p[0][0] & 0x06) != 0 ? 2 : 0;
                            payloadBytes.accept(body.length - 2 - topicLength - qosBytes);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "bench-raw-subscriber");
            reader.setDaemon(true);
            reader.start();
        }

        private static void packet(java.io.DataOutputStream out, int type, byte[] body) throws IOException {
            out.write(type);
            int n = body.length;
            do {
                int b = n % 128;
                n /= 128;
                out.write(n > 0 ? b | 0x80 : b);
            } while (n > 0);
            out.write(body);
            out.flush();
        }

        private static byte[][] readPacket(java.io.DataInputStream in) throws IOException {
            byte type = in.readByte();
            int length = 0;
            int shift = 0;
            int b;
            do {
                b = in.readUnsignedByte();
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            byte[] body = new byte[length];
            in.readFully(body);
            return new byte[][] {{type}, body};
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private interface Handler {
        void message(String topic, byte[] payload);
    }

    private static MqttClient subscriber(String url, String filter, Handler handler) throws Exception {
        MqttClient c = new MqttClient(url, "bench-sub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        c.connect(o);
        c.subscribe(filter, 1, (topic, message) -> handler.message(topic, message.getPayload()));
        return c;
    }

    private static void awaitConnected(Relay relay) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!relay.status().mqttConnected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // its subscriptions and state go out right after the connect
    }

    private static int index(String urc) {
        return urc.startsWith("+CBBENCH: ") ? Integer.parseInt(urc.substring(10).trim()) : -1;
    }

    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.3f ms  p99 %.3f ms  max %.3f ms", s[s.length / 2] / 1e6,
                s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
    }

    private static Process mosquitto(Path dir, int port) throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nuser "
                + System.getProperty("user.name") + "\nmax_queued_messages 1000000\nmax_inflight_messages 100\n");
        Process p = new ProcessBuilder(MOSQUITTO, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return p;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        p.destroy();
        throw new IOException("mosquitto did not start on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
