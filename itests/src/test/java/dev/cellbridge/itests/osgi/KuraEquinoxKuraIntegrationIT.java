package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Kura integration bundle on Kura's runtime (Equinox 3.16.0, Felix SCR 2.1.16), with dev.cellbridge.kura-api
 * standing in for Kura's API bundle: every service carrying {@code cellbridge.configurable=true} gets a Kura
 * {@code ConfigurableComponent} marker with the same {@code service.pid}, {@code kura.service.pid} and
 * {@code service.factoryPid} (what Kura's ConfigurationService needs to list a component), replaced when they change
 * and withdrawn with the service; and a PasswordDecoder backed by Kura's CryptoService. The test methods run inside
 * the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxKuraIntegrationIT {

    static final long TIMEOUT_MS = 30_000;
    static final String CONFIGURABLE = "cellbridge.configurable";

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() {
        return options(
            BundleSet.kuraRuntime(),
            composite(BundleSet.provision("kura-integration", 3)),
            junitBundles());
    }

    @Test
    public void aConfigurableServiceIsListedWithItsPidsUntilItGoes() throws Exception {
        assertEquals("ConfigurableComponent comes from the Kura API stand-in", "dev.cellbridge.kura-api",
            FrameworkUtil.getBundle(ConfigurableComponent.class).getSymbolicName());
        Hashtable<String, Object> properties = new Hashtable<>(Map.of(CONFIGURABLE, Boolean.TRUE,
            "service.pid", "dev.cellbridge.itest.fake~a1", "service.factoryPid", "dev.cellbridge.itest.fake",
            "kura.service.pid", "fake-one", "modem.name", "modem"));
        ServiceRegistration<Runnable> registration = context.registerService(Runnable.class, () -> { }, properties);
        try {
            ServiceReference<ConfigurableComponent> marker = awaitMarker("fake-one");
            assertEquals("dev.cellbridge.itest.fake~a1", marker.getProperty("service.pid"));
            assertEquals("dev.cellbridge.itest.fake", marker.getProperty("service.factoryPid"));
            assertEquals("fake-one", marker.getProperty("kura.service.pid"));
            assertNull("the marker is not itself configurable", marker.getProperty(CONFIGURABLE));
            assertNull("nothing else is copied", marker.getProperty("modem.name"));
            assertEquals("registered by the Kura integration", "dev.cellbridge.kura", marker.getBundle().getSymbolicName());
            Object service = context.getService(marker);
            try {
                // Kura 5's older ConfigurableComponentTracker checks the service object itself
                assertTrue("the marker object is a ConfigurableComponent", service instanceof ConfigurableComponent);
            } finally {
                context.ungetService(marker);
            }

            // Kura binds markers without a modified callback: a new kura.service.pid means a new marker
            properties.put("kura.service.pid", "fake-renamed");
            registration.setProperties(properties);
            assertNotNull(awaitMarker("fake-renamed"));
            assertTrue("the marker of the old name is withdrawn", awaitNoMarker("fake-one"));

            registration.unregister();
            registration = null;
            assertTrue("the marker goes with the service", awaitNoMarker("fake-renamed"));
        } finally {
            if (registration != null) {
                registration.unregister();
            }
        }
    }

    @Test
    public void aServiceWithoutTheFlagOrWithoutAPidGetsNoMarker() throws Exception {
        ServiceRegistration<Runnable> unflagged = context.registerService(Runnable.class, () -> { },
            new Hashtable<>(Map.of("service.pid", "dev.cellbridge.itest.unflagged")));
        ServiceRegistration<Runnable> noPid = context.registerService(Runnable.class, () -> { },
            new Hashtable<>(Map.of(CONFIGURABLE, Boolean.TRUE, "kura.service.pid", "no-service-pid")));
        ServiceRegistration<Runnable> flagged = context.registerService(Runnable.class, () -> { },
            new Hashtable<>(Map.of(CONFIGURABLE, Boolean.TRUE, "service.pid", "dev.cellbridge.itest.flagged")));
        try {
            // markers are registered in the order of the service events: once the last one is there, the others
            // would be too
            ServiceReference<ConfigurableComponent> marker = awaitMarker("dev.cellbridge.itest.flagged");
            assertEquals("without kura.service.pid the service.pid stands for it", "dev.cellbridge.itest.flagged",
                marker.getProperty("service.pid"));
            assertTrue(markers("(service.pid=dev.cellbridge.itest.unflagged)").isEmpty());
            assertTrue(markers("(kura.service.pid=no-service-pid)").isEmpty());
        } finally {
            flagged.unregister();
            noPid.unregister();
            unflagged.unregister();
        }
    }

    /** A real configurable component: the status console, configured through ConfigurationAdmin, is listed. */
    @Test
    public void theConfiguredStatusConsoleIsListed() throws Exception {
        ConfigurationAdmin configurationAdmin = service(ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration configuration =
            configurationAdmin.getConfiguration("dev.cellbridge.cli.console", null);
        try {
            configuration.update(new Hashtable<>(Map.of("kura.service.pid", "dev.cellbridge.cli.console")));
            ServiceReference<ConfigurableComponent> marker = awaitMarker("dev.cellbridge.cli.console");
            assertEquals("dev.cellbridge.cli.console", marker.getProperty("service.pid"));
            assertNull(marker.getProperty("service.factoryPid"));

            configuration.delete();
            configuration = null;
            assertTrue("withdrawn with the component", awaitNoMarker("dev.cellbridge.cli.console"));
        } finally {
            if (configuration != null) {
                configuration.delete();
            }
        }
    }

    /**
     * The cellular components as Kura configures them: the modem singleton (its service stays registered while the
     * module does not answer, here a loopback port nobody listens on) and a PDP context factory instance named in
     * the console are listed with their PIDs, the instance with its factory PID.
     */
    @Test
    public void theModemAndAContextInstanceAreListedAsTheKuraConsoleNamesThem() throws Exception {
        ConfigurationAdmin configurationAdmin = service(ConfigurationAdmin.class);
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        org.osgi.service.cm.Configuration modem = configurationAdmin.getConfiguration("dev.cellbridge.cellular.modem", null);
        org.osgi.service.cm.Configuration context =
            configurationAdmin.createFactoryConfiguration("dev.cellbridge.cellular.context", null);
        try {
            modem.update(new Hashtable<>(Map.of("kura.service.pid", "dev.cellbridge.cellular.modem",
                "link.uri", "tcp://127.0.0.1:" + closedPort)));
            context.update(new Hashtable<>(Map.of("kura.service.pid", "apn-internet", "context.id", 2,
                "apn", "internet")));

            ServiceReference<ConfigurableComponent> modemMarker = awaitMarker("dev.cellbridge.cellular.modem");
            assertEquals("dev.cellbridge.cellular.modem", modemMarker.getProperty("service.pid"));
            assertNull(modemMarker.getProperty("service.factoryPid"));
            ServiceReference<ConfigurableComponent> contextMarker = awaitMarker("apn-internet");
            assertEquals(context.getPid(), contextMarker.getProperty("service.pid"));
            assertEquals("dev.cellbridge.cellular.context", contextMarker.getProperty("service.factoryPid"));

            context.delete();
            context = null;
            assertTrue("the instance's marker goes with its configuration", awaitNoMarker("apn-internet"));
        } finally {
            if (context != null) {
                context.delete();
            }
            modem.delete();
        }
        assertTrue("the modem's marker goes with its configuration", awaitNoMarker("dev.cellbridge.cellular.modem"));
    }

    /**
     * With Kura's CryptoService present (a fake here: "enc:" + Base64 stands for Kura's AES), a PasswordDecoder is
     * registered that decrypts through it; it goes with the CryptoService.
     */
    @Test
    public void aPasswordDecoderDecryptsThroughKurasCryptoServiceWhileThereIsOne() throws Exception {
        assertTrue("no decoder before a CryptoService",
            context.getServiceReferences(dev.cellbridge.cellular.PasswordDecoder.class, null).isEmpty());
        ServiceRegistration<CryptoService> crypto = context.registerService(CryptoService.class, new FakeCrypto(),
            new Hashtable<>());
        try {
            ServiceTracker<dev.cellbridge.cellular.PasswordDecoder, dev.cellbridge.cellular.PasswordDecoder> decoders =
                new ServiceTracker<>(context, dev.cellbridge.cellular.PasswordDecoder.class, null);
            decoders.open();
            try {
                dev.cellbridge.cellular.PasswordDecoder decoder = decoders.waitForService(TIMEOUT_MS);
                assertNotNull("a PasswordDecoder within " + TIMEOUT_MS + " ms", decoder);
                assertEquals("dev.cellbridge.kura", decoders.getServiceReference().getBundle().getSymbolicName());
                String stored = "enc:" + Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8));
                assertEquals("s3cret", decoder.decode(stored));
                try {
                    decoder.decode("not-encrypted");
                    throw new AssertionError("a value Kura cannot decrypt is refused");
                } catch (IllegalArgumentException e) {
                    assertFalse("the message never shows the value", e.getMessage().contains("not-encrypted"));
                }

                crypto.unregister();
                crypto = null;
                long deadline = System.currentTimeMillis() + TIMEOUT_MS;
                while (decoders.getServiceReference() != null && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertNull("the decoder goes with the CryptoService", decoders.getServiceReference());
            } finally {
                decoders.close();
            }
        } finally {
            if (crypto != null) {
                crypto.unregister();
            }
        }
    }

    /** Stands in for Kura's AES: "enc:" + Base64; anything else fails as Kura's does on foreign input. */
    static final class FakeCrypto implements CryptoService {
        @Override
        public char[] decryptAes(char[] encryptedValue) throws KuraException {
            String value = new String(encryptedValue);
            if (!value.startsWith("enc:")) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR);
            }
            return new String(Base64.getDecoder().decode(value.substring(4)), StandardCharsets.UTF_8).toCharArray();
        }

        @Override
        @Deprecated
        public String decryptAes(String encryptedValue) {
            throw new UnsupportedOperationException("the deprecated String variant is not used");
        }
    }

    private ServiceReference<ConfigurableComponent> awaitMarker(String kuraServicePid) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Set<ServiceReference<ConfigurableComponent>> found = markers("(kura.service.pid=" + kuraServicePid + ")");
            if (!found.isEmpty()) {
                assertEquals("one marker for " + kuraServicePid, 1, found.size());
                return found.iterator().next();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no ConfigurableComponent marker with kura.service.pid=" + kuraServicePid + " within "
            + TIMEOUT_MS + " ms; markers: " + markers(null));
    }

    private boolean awaitNoMarker(String kuraServicePid) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (markers("(kura.service.pid=" + kuraServicePid + ")").isEmpty()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private Set<ServiceReference<ConfigurableComponent>> markers(String filter) throws InvalidSyntaxException {
        Set<ServiceReference<ConfigurableComponent>> found = new TreeSet<>();
        found.addAll(context.getServiceReferences(ConfigurableComponent.class, filter));
        assertFalse("no marker without both PIDs", found.stream().anyMatch(
            r -> r.getProperty("service.pid") == null || r.getProperty("kura.service.pid") == null));
        return found;
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        return Waits.service(context, type, TIMEOUT_MS);
    }
}
