package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.at.AtChannel;
import dev.cellbridge.at.AtChannelOptions;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.simulator.Simulator;
import dev.cellbridge.simulator.SimulatorOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unmodified Eclipse Paho connects to a real Mosquitto through the module with {@link ModemSocketFactory}. */
class PahoOverModemTest {

    private static Path mosquitto() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new AssertionError("mosquitto is not installed: apt-get install -y mosquitto (.ci/run does it)");
    }

    @Test
    void pahoPublishesAndReceivesOverTheModule(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process broker = new ProcessBuilder(mosquitto().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().tcpPort(0)
                        .route("220.180.239.212:1883=127.0.0.1:" + port).build());
                AtChannel channel = AtChannel.open(SerialLinks.open("tcp://127.0.0.1:" + sim.port()),
                        AtChannelOptions.defaults().withName("paho"));
                Modem modem = Modem.open(channel, ModemOptions.defaults().withName("paho"))) {
            awaitListening(port, broker);
            modem.configureContext(PdpContextConfig.ipv4(1, "internet"));
            modem.activate(1);

            MqttClient client = new MqttClient("tcp://220.180.239.212:1883", "cellbridge-test", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setSocketFactory(new ModemSocketFactory(modem, 1));
            options.setConnectionTimeout(30);
            options.setCleanSession(true);
            client.connect(options);
            try {
                LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
                client.subscribe("cellbridge/test", 1, (topic, message) ->
                        received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
                client.publish("cellbridge/test", new MqttMessage("over the module".getBytes(StandardCharsets.UTF_8)));
                assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("over the module");
            } finally {
                client.disconnect(5_000);
                client.close();
            }
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(int port, Process broker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new AssertionError("mosquitto exited with " + broker.exitValue());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("mosquitto did not listen on " + port + " within 10 s");
    }
}
