package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Properties of a component's own registration, updated from two threads. */
class OsgiRegistrationTest {

    /**
     * A component publishes its state from the SCR thread and from its own thread. Each computes the properties
     * from the state it reads: the computation and the update happen under one lock, so the view computed last
     * is the one published last (a stale view computed earlier can never overwrite a newer one).
     */
    @Test
    void theViewComputedLastIsPublishedLast() throws Exception {
        FakeBundleContext bundle = new FakeBundleContext();
        AtomicReference<String> state = new AtomicReference<>("ACTIVE");
        OsgiRegistration<Object> r = OsgiRegistration.register(bundle.context(), Object.class, new Object(),
                Map.of("state", "INACTIVE"));
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread stale = new Thread(() -> r.update(() -> {
            Map<String, Object> view = Map.of("state", state.get()); // reads ACTIVE
            computing.countDown();
            awaitQuietly(release);
            return view;
        }), "stale-updater");
        stale.start();
        assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();

        state.set("REACTIVATING");
        Thread fresh = new Thread(() -> r.update(() -> Map.of("state", state.get())), "fresh-updater");
        fresh.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> fresh.getState() == Thread.State.BLOCKED);
        release.countDown();
        stale.join(10_000);
        fresh.join(10_000);

        FakeBundleContext.Registration registration = bundle.all(Object.class).get(0);
        assertThat(registration.last()).containsEntry("state", "REACTIVATING");
        assertThat(registration.properties).extracting(p -> p.get("state"))
                .containsExactly("INACTIVE", "ACTIVE", "REACTIVATING");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
