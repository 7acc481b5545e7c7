package dev.cellbridge.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cellbridge.serial.SerialLink;
import dev.cellbridge.serial.SerialLinkException;
import dev.cellbridge.serial.SerialLinks;
import dev.cellbridge.serial.testing.SocatPair;
import dev.cellbridge.serial.testing.Transfers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link component, activated directly with a fake bundle context (no framework). */
class SerialLinkComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final FakeBundleContext bundle = new FakeBundleContext();
    private final List<LinkEvent> events = new CopyOnWriteArrayList<>();
    private final SerialLinkComponent component = new SerialLinkComponent();
    private SocatPair socat;
    private Thread linkThread;

    @AfterEach
    void cleanUp() throws Exception {
        component.deactivate();
        if (socat != null) {
            socat.close();
        }
    }

    private void activate(Map<String, Object> properties) {
        component.start(properties, new OsgiLinkPublisher(bundle.context()), events::add);
        linkThread = component.linkThread();
    }

    private static Map<String, Object> config(String uri) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("uri", uri);
        properties.put("service.pid", "dev.cellbridge.serial.link.0123");
        properties.put("reopenInitialDelayMs", 50L);
        properties.put("reopenMaxDelayMs", 200L);
        return properties;
    }

    private FakeBundleContext.Registration awaitRegistration(int count) {
        await().atMost(WAIT).until(() -> bundle.registrations().size() == count && bundle.active().size() == 1);
        return bundle.registrations().get(count - 1);
    }

    @Test
    void registersTheLinkWhileOpenWithdrawsItWhenTheDeviceDisappearsAndReopens() throws Exception {
        socat = SocatPair.start(dir);
        Map<String, Object> properties = config(socat.a());
        properties.put("kura.service.pid", "modem0");
        properties.put("baud", 921_600);
        activate(properties);

        FakeBundleContext.Registration first = awaitRegistration(1);
        assertThat(first.type).isEqualTo(SerialLink.class.getName());
        assertThat(first.properties).containsEntry("link.uri", socat.a()).containsEntry("link.name", "modem0");
        assertThat(first.service.uri()).isEqualTo(socat.a());
        assertThat(linkThread.getName()).isEqualTo("cellbridge-serial-link-modem0");
        try (SerialLink other = SerialLinks.open(socat.b())) {
            Transfers.both(first.service, other, Transfers.data(256, 1), Transfers.data(10_000, 2));
        }

        // nobody reads: the periodic check notices the device is gone
        socat.kill();
        await().atMost(WAIT).until(() -> bundle.active().isEmpty());
        assertThat(first.service.isOpen()).isFalse();
        assertThat(linkThread.isAlive()).isTrue();
        await().atMost(WAIT).until(() -> events.stream().anyMatch(LinkEvent.OpenFailed.class::isInstance));

        socat.start();
        FakeBundleContext.Registration second = awaitRegistration(2);
        assertThat(second.properties).containsEntry("link.uri", socat.a()).containsEntry("link.name", "modem0");
        try (SerialLink other = SerialLinks.open(socat.b())) {
            Transfers.both(second.service, other, Transfers.data(256, 3), Transfers.data(256, 4));
        }

        component.deactivate();
        assertThat(bundle.active()).isEmpty();
        assertThat(second.service.isOpen()).isFalse();
        assertThat(linkThread.isAlive()).isFalse();

        // each state change reported once, whatever the number of retries in between
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Opened", "Lost", "OpenFailed", "Opened", "Stopped");
        assertThat(events.get(1)).isInstanceOfSatisfying(LinkEvent.Lost.class,
                lost -> assertThat(lost.reason()).contains("the device disappeared"));
        assertThat(events.get(2)).isInstanceOfSatisfying(LinkEvent.OpenFailed.class,
                failed -> assertThat(failed.message()).isEqualTo(socat.a() + ": no such device"));
        assertThat(events.get(0)).isEqualTo(new LinkEvent.Opened("modem0", socat.a(),
                "serial:" + socat.a() + "?baud=921600&databits=8&parity=none&stopbits=1&flow=none"));
    }

    @Test
    void aReaderSeeingTheDeviceGoWithdrawsTheServiceAtOnce() throws Exception {
        socat = SocatPair.start(dir);
        activate(config("serial:" + socat.a() + "?baud=115200"));
        FakeBundleContext.Registration registration = awaitRegistration(1);
        assertThat(registration.properties).containsEntry("link.name", "dev.cellbridge.serial.link.0123");
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return registration.service.input().read() < 0 ? null : new AssertionError("read a byte");
            } catch (IOException e) {
                return e;
            }
        });
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !reader.isDone());
        socat.kill();
        assertThat(reader.get(5, TimeUnit.SECONDS)).isInstanceOf(SerialLinkException.class);
        await().atMost(WAIT).until(() -> bundle.active().isEmpty());
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LinkEvent.Lost.class,
                lost -> assertThat(lost.reason()).startsWith(socat.a() + ": ")));
    }

    @Test
    void waitsForAMissingDeviceAndRegistersItWhenItAppears() throws Exception {
        socat = SocatPair.start(dir);
        socat.kill();
        activate(config(dir.resolve("a").toString()));
        await().atMost(WAIT).until(() -> !events.isEmpty());
        // several retries pass (50..200 ms apart) without registering or reporting again
        await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> bundle.registrations().isEmpty());
        assertThat(events).containsExactly(new LinkEvent.OpenFailed("dev.cellbridge.serial.link.0123",
                dir.resolve("a") + ": no such device", 50, 200));
        socat.start();
        FakeBundleContext.Registration registration = awaitRegistration(1);
        assertThat(registration.service.isOpen()).isTrue();
    }

    @Test
    @SuppressWarnings("try") // the peer closes inside its try block: that is what is tested
    void tcpLinkIsWithdrawnWhenThePeerClosesAndReconnected() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + server.getLocalPort();
            activate(config(uri));
            try (Socket peer = server.accept()) {
                FakeBundleContext.Registration first = awaitRegistration(1);
                assertThat(first.properties).containsEntry("link.uri", uri);
                peer.getOutputStream().write("RDY\r\n".getBytes());
                assertThat(Transfers.readExactly(first.service.input(), 5)).isEqualTo("RDY\r\n".getBytes());
                first.service.output().write("AT\r".getBytes());
                assertThat(Transfers.readExactly(peer.getInputStream(), 3)).isEqualTo("AT\r".getBytes());
                peer.close();
                assertThat(first.service.input().read()).isEqualTo(-1);
                await().atMost(WAIT).until(() -> !first.isActive());
            }
            try (Socket peer = server.accept()) {
                FakeBundleContext.Registration second = awaitRegistration(2);
                second.service.output().write('x');
                assertThat(peer.getInputStream().read()).isEqualTo('x');
            }
            assertThat(events).extracting(e -> e.getClass().getSimpleName()).startsWith("Opened", "Lost", "Opened");
            assertThat(((LinkEvent.Lost) events.get(1)).reason()).isEqualTo("end of stream");
        }
    }

    @Test
    void closeByAServiceUserWithdrawsAndReopens() throws Exception {
        socat = SocatPair.start(dir);
        activate(config(socat.a()));
        FakeBundleContext.Registration first = awaitRegistration(1);
        first.service.close();
        assertThat(first.service.isOpen()).isFalse();
        await().atMost(WAIT).until(() -> !first.isActive());
        FakeBundleContext.Registration second = awaitRegistration(2);
        assertThat(second.service.isOpen()).isTrue();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Opened", "Lost", "Opened");
        assertThat(((LinkEvent.Lost) events.get(1)).reason()).isEqualTo("closed by a service user");
    }

    @Test
    void deactivationWhileRetryingStopsTheThread() {
        activate(config(dir.resolve("never").toString()));
        await().atMost(WAIT).until(() -> !events.isEmpty());
        component.deactivate();
        assertThat(linkThread.isAlive()).isFalse();
        assertThat(bundle.registrations()).isEmpty();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("OpenFailed", "Stopped");
    }

    @Test
    void activationThroughTheBundleContextEntryPoint() throws Exception {
        socat = SocatPair.start(dir);
        component.activate(bundle.context(), config(socat.a()));
        linkThread = component.linkThread();
        FakeBundleContext.Registration registration = awaitRegistration(1);
        assertThat(registration.service.isOpen()).isTrue();
        component.deactivate();
        assertThat(registration.isActive()).isFalse();
        assertThat(linkThread.isAlive()).isFalse();
    }

    @Test
    void badConfigurationIsRejectedWithoutStartingAThread() {
        Map<String, Object> properties = config("serial:/dev/ttyUSB2?baud=fast");
        assertThatThrownBy(() -> activate(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad property 'uri': serial:/dev/ttyUSB2?baud=fast: bad value 'fast' for parameter 'baud'"
                        + " (expected an integer from 50 to 16000000)");
        assertThat(component.linkThread()).isNull();
        assertThat(bundle.registrations()).isEmpty();
    }
}
