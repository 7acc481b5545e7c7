package dev.cellbridge.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssl://} with {@code trust.store.path}: a Mosquitto with a TLS listener and a self-signed certificate made for
 * the test (openssl), trusted through a PKCS12 trust store; a store that does not hold the broker's certificate, a
 * wrong password and a missing file each give an error naming the problem.
 */
class TlsTrustStoreTest extends RelayTestBase {

    private static final String PASSWORD = "trust-me";

    @TempDir
    static Path tlsDir;
    static Mosquitto tlsBroker;
    static Path trustStore;
    static Path otherTrustStore;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        Path cert = selfSigned(tlsDir, "broker");
        Path other = selfSigned(tlsDir, "other");
        trustStore = trustStore(cert, tlsDir.resolve("trust.p12"));
        otherTrustStore = trustStore(other, tlsDir.resolve("other.p12"));
        tlsBroker = Mosquitto.tls(tlsDir.resolve("mosquitto"), cert, tlsDir.resolve("broker.key"));
    }

    @AfterAll
    static void stopTlsBroker() {
        if (tlsBroker != null) {
            tlsBroker.close();
        }
    }

    @Test
    void theRelayConnectsOverTlsTrustingTheBrokerThroughItsTrustStore() throws Exception {
        RelayOptions o = options("tls1");
        Relay relay = track(new Relay(o, settings(o, trustStore.toString(), PASSWORD), () -> eventAdmin, null));
        relay.modemState("modem", "UP", "registered");

        // a subscriber over TLS too: the retained state says online
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        MqttClient sub = new MqttClient(tlsBroker.url(), unique("tls-probe"), new MemoryPersistence());
        track(sub::close);
        MqttConnectOptions co = new MqttConnectOptions();
        co.setSocketFactory(sslContext(trustStore).getSocketFactory());
        sub.connect(co);
        track(sub::disconnect);
        sub.subscribe(o.prefix() + "state", 1, (t, m) -> states.add(new String(m.getPayload(),
                java.nio.charset.StandardCharsets.UTF_8)));
        await(() -> states.stream().anyMatch(s -> s.contains("\"online\":true") && s.contains("\"UP\"")));
        assertThat(relay.status().mqttConnected()).isTrue();
        assertThat(relay.mqttProblem()).isEmpty();
    }

    @Test
    void aTrustStoreWithoutTheBrokersCertificateNeverConnectsAndSaysSo() throws Exception {
        RelayOptions o = options("tls2");
        Relay relay = track(new Relay(o, settings(o, otherTrustStore.toString(), PASSWORD), () -> eventAdmin, null));
        await(() -> !relay.mqttProblem().isEmpty());
        assertThat(relay.mqttProblem()).startsWith("the broker's certificate is not trusted by trust.store.path "
                + otherTrustStore);
        assertThat(relay.status().mqttConnected()).isFalse();
    }

    @Test
    void aWrongPasswordOrAMissingTrustStoreIsAConfigurationErrorNamingTheAttribute() {
        RelayOptions o = options("tls3");
        assertThatThrownBy(() -> new Relay(o, settings(o, trustStore.toString(), "wrong"), () -> eventAdmin, null))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("trust.store.path " + trustStore + " cannot be read as a PKCS12 or JKS trust "
                        + "store with trust.store.password (wrong password or not a trust store)");
        Path missing = tlsDir.resolve("missing.p12");
        assertThatThrownBy(() -> new Relay(o, settings(o, missing.toString(), PASSWORD), () -> eventAdmin, null))
                .hasMessage("trust.store.path " + missing + " does not exist");
        // no thread of a refused relay stays behind (checked for the class after all tests)
    }

    private MqttSettings settings(RelayOptions o, String store, String password) {
        return new MqttSettings(tlsBroker.url(), unique("relay"), "", "", store, password, o.qos(), true, 30,
                o.prefix(), Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** A self-signed certificate for 127.0.0.1 (PEM) and its key ({@code <name>.key}). */
    private static Path selfSigned(Path dir, String name) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve(name + ".key").toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve(name + ".log")));
        }
        return cert;
    }

    private static Path trustStore(Path cert, Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            ks.setCertificateEntry("broker", c);
        }
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return store;
    }

    private static SSLContext sslContext(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
