package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cellbridge.serial.SerialLink;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Waiting for a named serial link, with a bundle context holding one SerialLink service. */
class OsgiLinkOpenerTest {

    /**
     * The named link is registered but closed (its component has not withdrawn it yet): the opener waits for it
     * to change instead of asking it again and again. Bounded by a quarter second: in that time a waiting
     * opener asks once, a spinning one thousands of times.
     */
    @Test
    void aRegisteredButClosedLinkIsNotPolledInALoop() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        SerialLink closed = (SerialLink) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SerialLink.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> {
                        asked.incrementAndGet();
                        yield false;
                    }
                    case "uri" -> "tcp://127.0.0.1:1";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        OsgiLinkOpener opener = new OsgiLinkOpener(contextWith(closed, "modem0"));
        ModemSettings settings = ModemSettings.from(Map.of("link.name", "modem0"));
        long end = System.nanoTime() + 250_000_000L;
        try {
            assertThat(opener.open(settings, () -> System.nanoTime() > end)).isNull();
        } finally {
            opener.close();
        }
        assertThat(asked.get()).isBetween(1, 2);
    }

    /** Just what a ServiceTracker needs of a bundle context holding one service. */
    private static BundleContext contextWith(SerialLink link, String name) {
        Map<String, Object> properties = new HashMap<>(Map.of("objectClass", new String[] {SerialLink.class.getName()},
                SerialLink.SERVICE_PROPERTY_NAME, name, "service.id", 1L));
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(
                OsgiLinkOpenerTest.class.getClassLoader(), new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getPropertyKeys" -> properties.keySet().toArray(new String[0]);
                    case "compareTo" -> 0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "reference to " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(OsgiLinkOpenerTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createFilter" -> FrameworkUtil.createFilter((String) args[0]);
                    case "addServiceListener", "removeServiceListener" -> null;
                    case "getServiceReferences" -> FrameworkUtil.createFilter((String) args[1]).match(reference)
                            ? new ServiceReference<?>[] {reference} : null;
                    case "getService" -> link;
                    case "ungetService" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "a bundle context with " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
