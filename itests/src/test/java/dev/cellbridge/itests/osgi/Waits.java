package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertNotNull;

import java.util.concurrent.Callable;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Bounded waits shared by the in-framework tests: components come up asynchronously, so tests poll. */
final class Waits {

    private Waits() {
    }

    /** Calls {@code probe} every 20 ms until it returns non-null or {@code timeoutMs} passed; null then. */
    static <T> T poll(Callable<T> probe, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        do {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    /** The first service of {@code type}, waiting up to {@code timeoutMs}; fails the test when none comes. */
    static <T> T service(BundleContext context, Class<T> type, long timeoutMs) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(timeoutMs);
            assertNotNull(type.getName() + " service available within " + timeoutMs + " ms", service);
            return context.getService(tracker.getServiceReference());
        } finally {
            tracker.close();
        }
    }
}
