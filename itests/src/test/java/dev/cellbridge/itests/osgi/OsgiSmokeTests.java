package dev.cellbridge.itests.osgi;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

import dev.cellbridge.serial.SerialLink;

/**
 * The checks every runtime must pass; one subclass per runtime supplies the Pax Exam configuration and what
 * that runtime is expected to be. The test methods run inside the framework (Pax Exam's probe bundle).
 *
 * <p>Plain JUnit 4 assertions on purpose: AssertJ would have to be installed into the framework under test
 * (with Byte Buddy), changing the very runtime these tests describe.
 *
 * <p>Keep cellbridge types out of this class's method signatures, lambdas capturing them included (they
 * become synthetic methods): JUnit reflects on every method, so a bundle that does not resolve would then
 * break every test here instead of failing the ones that need it with the framework's explanation.
 */
public abstract class OsgiSmokeTests {

    /** Every bundle cellbridge ships for any OSGi framework; each must resolve and start in every runtime. */
    static final List<String> CELLBRIDGE_BUNDLES =
        List.of("dev.cellbridge.serial", "dev.cellbridge.at", "dev.cellbridge.cellular", "dev.cellbridge.cli",
                "dev.cellbridge.simulator", "dev.cellbridge.relay");

    /** The Kura integration: on Kura's runtime only (it imports Kura's API). */
    static final String KURA_BUNDLE = "dev.cellbridge.kura";

    /** The serial link component's factory PID, component name and metatype OCD id. */
    static final String SERIAL_LINK_PID = "dev.cellbridge.serial.link";

    /** Bound on every wait for something asynchronous (services, sockets); a healthy run needs milliseconds. */
    static final long TIMEOUT_MS = 30_000;

    @Inject
    protected BundleContext context;

    /** Symbolic name of the system bundle this runtime must run on. */
    protected abstract String expectedFramework();

    /** Version (major.minor.micro) of the framework this runtime must run on. */
    protected abstract Version expectedFrameworkVersion();

    /** Version (major.minor.micro) of Felix SCR in this runtime. */
    protected abstract Version expectedScrVersion();

    /** {@link #CELLBRIDGE_BUNDLES} and {@link #KURA_BUNDLE}: what Kura's runtime runs. */
    static List<String> kuraRuntimeBundles() {
        List<String> all = new ArrayList<>(CELLBRIDGE_BUNDLES);
        all.add(KURA_BUNDLE);
        return all;
    }

    /** The cellbridge bundles installed in this runtime. */
    protected List<String> cellbridgeBundles() {
        return CELLBRIDGE_BUNDLES;
    }

    @Test
    public void runsTheIntendedFrameworkAndScr() {
        Bundle system = context.getBundle(0);
        assertEquals("system bundle", expectedFramework(), system.getSymbolicName());
        assertEquals("framework version", expectedFrameworkVersion(), withoutQualifier(system.getVersion()));

        Bundle scr = bundle("org.apache.felix.scr");
        assertNotNull("Felix SCR is installed", scr);
        assertEquals("SCR version", expectedScrVersion(), withoutQualifier(scr.getVersion()));
    }

    @Test
    public void everyBundleResolvesAndStarts() {
        for (String name : cellbridgeBundles()) {
            assertNotNull(name + " is installed", bundle(name));
        }
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                problems.add(describe(bundle) + " is " + stateName(bundle.getState()) + whyNotStarted(bundle));
            }
        }
        assertTrue("bundles not started:\n  " + String.join("\n  ", problems), problems.isEmpty());
    }

    @Test
    public void cellbridgeBundlesGetJavaSe17FromTheSystemBundle() {
        List<BundleCapability> javaSe = new ArrayList<>();
        for (BundleCapability capability : context.getBundle(0).adapt(BundleWiring.class)
            .getCapabilities(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE)) {
            if ("JavaSE".equals(capability.getAttributes().get(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE))) {
                javaSe.add(capability);
            }
        }
        assertTrue("system bundle offers osgi.ee=JavaSE version 17, offered: " + javaSe,
            javaSe.stream().anyMatch(c -> offersVersion(c.getAttributes(), new Version(17, 0, 0))));

        for (String name : cellbridgeBundles()) {
            Bundle bundle = bundle(name);
            assertNotNull(name + " is installed", bundle);
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            assertNotNull(name + " is resolved", wiring);
            List<BundleWire> ee = wiring.getRequiredWires(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE);
            assertFalse(name + " requires an osgi.ee", ee.isEmpty());
            for (BundleWire wire : ee) {
                assertEquals(name + " osgi.ee provider", 0L, wire.getProvider().getBundle().getBundleId());
                assertTrue(name + " requires Java 17: " + wire.getRequirement(),
                    wire.getRequirement().getDirectives().getOrDefault("filter", "").contains("version=17"));
            }
        }
    }

    @Test
    public void loggingReachesABackend() {
        // Kura binds SLF4J 1.7 statically (a binding bundle); SLF4J 2 finds its provider through the
        // OSGi Service Loader Mediator. Either way our bundles' log lines must not fall into the NOP logger.
        assertFalse("SLF4J has a provider in this runtime, found " + LoggerFactory.getILoggerFactory().getClass(),
            LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory);
    }

    @Test
    public void scrKnowsTheSerialLinkComponent() throws Exception {
        requireActive("dev.cellbridge.serial");
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        ComponentDescriptionDTO description =
            scr.getComponentDescriptionDTO(bundle("dev.cellbridge.serial"), SERIAL_LINK_PID);
        assertNotNull("SCR read the component description of " + SERIAL_LINK_PID, description);
        assertEquals("configuration policy", "require", description.configurationPolicy);
        assertArrayEquals("configuration PID", new String[] {SERIAL_LINK_PID}, description.configurationPid);
    }

    @Test
    public void serialLinkMetatypeIsPublished() throws Exception {
        requireActive("dev.cellbridge.serial");
        MetaTypeService metatype = service(MetaTypeService.class);
        MetaTypeInformation information = metatype.getMetaTypeInformation(bundle("dev.cellbridge.serial"));
        assertNotNull("metatype information of dev.cellbridge.serial", information);
        assertTrue("factory PIDs " + Arrays.toString(information.getFactoryPids()) + " contain " + SERIAL_LINK_PID,
            Arrays.asList(information.getFactoryPids()).contains(SERIAL_LINK_PID));

        ObjectClassDefinition ocd = information.getObjectClassDefinition(SERIAL_LINK_PID, null);
        assertEquals("OCD id", SERIAL_LINK_PID, ocd.getID());
        Set<String> attributes = attributeIds(ocd, ObjectClassDefinition.ALL);
        assertTrue("attributes " + attributes + " include the URI and the line settings", attributes.containsAll(
            List.of("uri", "baud", "dataBits", "parity", "stopBits", "flowControl")));
        assertTrue("uri is a required attribute", attributeIds(ocd, ObjectClassDefinition.REQUIRED).contains("uri"));
        for (AttributeDefinition attribute : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            if (attribute.getID().equals("uri")) {
                assertEquals("uri type", AttributeDefinition.STRING, attribute.getType());
            }
        }
    }

    /**
     * A factory configuration with a {@code tcp://} URI served by this test makes the serial bundle connect and
     * register a {@code SerialLink} service whose streams carry bytes both ways; deleting the configuration
     * closes the connection and withdraws the service.
     */
    @Test
    public void configuredTcpLinkRegistersASerialLinkThatCarriesBytesBothWays() throws Exception {
        requireActive("dev.cellbridge.serial");
        ConfigurationAdmin configurationAdmin = service(ConfigurationAdmin.class);
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "itest-link-reader"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TIMEOUT_MS);
            String uri = "tcp://127.0.0.1:" + server.getLocalPort();
            LinkTracker links = new LinkTracker(context, uri);
            // null location: the configuration binds to the bundle whose component consumes it (as Kura does)
            Configuration configuration = configurationAdmin.createFactoryConfiguration(SERIAL_LINK_PID, null);
            try {
                configuration.update(new Hashtable<>(Map.of("uri", uri)));

                try (Socket module = server.accept()) {
                    module.setSoTimeout((int) TIMEOUT_MS);
                    ServiceReference<SerialLink> reference = links.awaitRegistered();
                    assertNotNull("a SerialLink service for " + uri + " within " + TIMEOUT_MS + " ms", reference);
                    assertEquals("link.uri", uri, reference.getProperty(SerialLink.SERVICE_PROPERTY_URI));
                    assertEquals("link.name", configuration.getPid(), reference.getProperty(SerialLink.SERVICE_PROPERTY_NAME));
                    assertEquals("SerialLink comes from the installed serial bundle", "dev.cellbridge.serial",
                        FrameworkUtil.getBundle(SerialLink.class).getSymbolicName());

                    SerialLink link = context.getService(reference);
                    try {
                        assertEquals(uri, link.uri());
                        assertTrue("link is open", link.isOpen());

                        byte[] toModule = everyByteValue(0);
                        link.output().write(toModule);
                        link.output().flush();
                        assertArrayEquals("host -> module", toModule, module.getInputStream().readNBytes(toModule.length));

                        byte[] fromModule = everyByteValue(0x80);
                        module.getOutputStream().write(fromModule);
                        module.getOutputStream().flush();
                        // capture the stream, not the link: see the class comment on our types in signatures
                        InputStream input = link.input();
                        Future<byte[]> received = reader.submit(() -> input.readNBytes(fromModule.length));
                        assertArrayEquals("module -> host", fromModule, received.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
                    } finally {
                        context.ungetService(reference);
                    }

                    configuration.delete();
                    configuration = null;
                    assertTrue("SerialLink service withdrawn within " + TIMEOUT_MS + " ms", links.awaitUnregistered());
                    assertEquals("the link's connection is closed", -1, module.getInputStream().read());
                }
            } finally {
                if (configuration != null) {
                    configuration.delete();
                }
                links.close();
            }
        } finally {
            reader.shutdownNow();
        }
    }

    /**
     * The highest-ranked service of this type, waiting for it up to {@link #TIMEOUT_MS}. The probe keeps using it
     * until Pax Exam uninstalls the probe, which releases it.
     */
    protected <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            assertNotNull(type.getName() + " service available within " + TIMEOUT_MS + " ms",
                tracker.waitForService(TIMEOUT_MS));
            return context.getService(tracker.getServiceReference());
        } finally {
            tracker.close();
        }
    }

    /** Fails, with the framework's reason, unless the bundle is installed and active. */
    protected void requireActive(String symbolicName) {
        Bundle bundle = bundle(symbolicName);
        assertNotNull(symbolicName + " is installed", bundle);
        assertEquals(symbolicName + " is " + stateName(bundle.getState()) + whyNotStarted(bundle),
            stateName(Bundle.ACTIVE), stateName(bundle.getState()));
    }

    /** The installed bundle with this symbolic name, or null. */
    protected Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static Set<String> attributeIds(ObjectClassDefinition ocd, int filter) {
        Set<String> ids = new HashSet<>();
        AttributeDefinition[] definitions = ocd.getAttributeDefinitions(filter);
        if (definitions != null) {
            for (AttributeDefinition definition : definitions) {
                ids.add(definition.getID());
            }
        }
        return ids;
    }

    /** All 256 byte values twice, starting at {@code first}: a payload that survives no byte mangling. */
    private static byte[] everyByteValue(int first) {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    /**
     * Tracks the {@code SerialLink} service of one URI and lets a test wait for it to come and go. The
     * reference is recorded by the customizer itself: the tracker's own bookkeeping is updated only after
     * {@code addingService} returns, too late for a waiter woken from inside it.
     */
    private static final class LinkTracker implements ServiceTrackerCustomizer<SerialLink, ServiceReference<SerialLink>> {

        private final ServiceTracker<SerialLink, ServiceReference<SerialLink>> tracker;
        private final CountDownLatch registered = new CountDownLatch(1);
        private final CountDownLatch unregistered = new CountDownLatch(1);
        private volatile ServiceReference<SerialLink> current;

        LinkTracker(BundleContext context, String uri) throws InvalidSyntaxException {
            String filter = "(&(objectClass=" + SerialLink.class.getName() + ")(" + SerialLink.SERVICE_PROPERTY_URI + "=" + uri + "))";
            tracker = new ServiceTracker<>(context, context.createFilter(filter), this);
            tracker.open();
        }

        /** The link's service reference, or null if none was registered in time. */
        ServiceReference<SerialLink> awaitRegistered() throws InterruptedException {
            registered.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return current;
        }

        /** Whether the link's service was withdrawn in time. */
        boolean awaitUnregistered() throws InterruptedException {
            return unregistered.await(TIMEOUT_MS, TimeUnit.MILLISECONDS) && current == null;
        }

        void close() {
            tracker.close();
        }

        @Override
        public ServiceReference<SerialLink> addingService(ServiceReference<SerialLink> reference) {
            current = reference;
            registered.countDown();
            return reference;
        }

        @Override
        public void modifiedService(ServiceReference<SerialLink> reference, ServiceReference<SerialLink> service) {
            // properties of a link do not change while it is registered
        }

        @Override
        public void removedService(ServiceReference<SerialLink> reference, ServiceReference<SerialLink> service) {
            current = null;
            unregistered.countDown();
        }
    }

    private static boolean offersVersion(Map<String, Object> attributes, Version wanted) {
        Object value = attributes.get(ExecutionEnvironmentNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        if (value instanceof List<?>) {
            return ((List<?>) value).stream().anyMatch(wanted::equals);
        }
        return wanted.equals(value);
    }

    private static Version withoutQualifier(Version version) {
        return new Version(version.getMajor(), version.getMinor(), version.getMicro());
    }

    private static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
    }

    /** For a bundle that is not active, the framework's own explanation (e.g. the unresolved requirement). */
    private static String whyNotStarted(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED && bundle.getState() != Bundle.RESOLVED) {
            return "";
        }
        try {
            bundle.start();
            return " (it starts when asked again: activation order problem)";
        } catch (BundleException | RuntimeException e) {
            return ": " + e.getMessage();
        }
    }

    private static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED (not resolved)";
            case Bundle.RESOLVED: return "RESOLVED (not started)";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            default: return "state " + state;
        }
    }
}
