package dev.cellbridge.itests.distrib;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Kura deployment package ({@code distrib/target/cellbridge-<version>.dp}) installed the way Kura installs it:
 * through Apache Felix DeploymentAdmin 0.9.5 on Kura 5.4-5.6's runtime (Equinox 3.16.0, Felix SCR 2.1.16, Equinox
 * ConfigurationAdmin; Kura's SLF4J 1.7.36 and Gson 2.9.0; dev.cellbridge.kura-api standing in for Kura's own API
 * bundle, which the package's dev.cellbridge.kura imports), with none of our bundles installed beforehand. The test
 * methods run inside the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraEquinoxDeploymentPackageIT {

    /** The package's bundles, in the order it carries them: third-party first. */
    static final List<String> BUNDLES = List.of("com.fazecast.jSerialComm", "picocli", "org.eclipse.paho.client.mqttv3",
        "dev.cellbridge.serial", "dev.cellbridge.at", "dev.cellbridge.cellular", "dev.cellbridge.simulator",
        "dev.cellbridge.cli", "dev.cellbridge.relay", "dev.cellbridge.kura");

    static final String NAME = "dev.cellbridge";
    static final String SERIAL_LINK_PID = "dev.cellbridge.serial.link";
    static final long TIMEOUT_MS = 30_000;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() {
        return options(
            composite(DistribFiles.bundleSet("kura", 1)),
            composite(DistribFiles.bundleSet("deploymentadmin", 2)),
            junitBundles());
    }

    /** Manifest first, DeploymentPackage headers, one section per bundle that matches the bundle it names. */
    @Test
    public void thePackageIsAWellFormedDeploymentPackageOfWhatKuraLacks() throws IOException {
        Path dp = DistribFiles.distrib("cellbridge.dp");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dp))) {
            ZipEntry first = zip.getNextEntry();
            assertNotNull("the package has entries", first);
            assertEquals("first entry", "META-INF/MANIFEST.MF", first.getName());
        }
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(dp))) {
            Manifest manifest = jar.getManifest();
            assertNotNull("manifest", manifest);
            Attributes main = manifest.getMainAttributes();
            assertEquals("DeploymentPackage-SymbolicName", NAME, main.getValue("DeploymentPackage-SymbolicName"));
            Version version = Version.parseVersion(main.getValue("DeploymentPackage-Version"));
            assertEquals("DeploymentPackage-Version is the project version (qualified)",
                Version.parseVersion(DistribFiles.projectVersion().replace("-SNAPSHOT", "")),
                new Version(version.getMajor(), version.getMinor(), version.getMicro()));

            List<String> carried = new ArrayList<>();
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                Attributes section = manifest.getAttributes(entry.getName());
                assertNotNull("a manifest section names " + entry.getName(), section);
                Attributes bundle = new JarInputStream(jar).getManifest().getMainAttributes();
                String symbolicName = bundle.getValue("Bundle-SymbolicName").split(";")[0].trim();
                assertEquals(entry.getName() + " Bundle-SymbolicName", symbolicName, section.getValue("Bundle-SymbolicName"));
                assertEquals(entry.getName() + " Bundle-Version", bundle.getValue("Bundle-Version"), section.getValue("Bundle-Version"));
                carried.add(symbolicName);
            }
            assertEquals("bundles carried (not SLF4J, Gson nor EventAdmin: Kura has them)", BUNDLES, carried);
            assertEquals("one manifest section per bundle", BUNDLES.size(), manifest.getEntries().size());
        }
    }

    /**
     * Installed through DeploymentAdmin, every bundle starts, wired to Kura's own SLF4J and Gson; the serial link
     * component activates on a configuration and connects; uninstalling the package removes every bundle.
     */
    @Test
    public void installsThroughDeploymentAdminStartsItsComponentsAndUninstalls() throws Exception {
        DeploymentAdmin admin = service(DeploymentAdmin.class);
        assertNull("not installed before", admin.getDeploymentPackage(NAME));
        for (String name : BUNDLES) {
            assertNull(name + " is not installed before the package", bundle(name));
        }

        DeploymentPackage installed;
        try (InputStream in = Files.newInputStream(DistribFiles.distrib("cellbridge.dp"))) {
            installed = admin.installDeploymentPackage(in);
        }
        try {
            assertEquals(NAME, installed.getName());
            List<String> names = new ArrayList<>();
            for (BundleInfo info : installed.getBundleInfos()) {
                names.add(info.getSymbolicName());
            }
            assertTrue("bundle infos " + names, names.containsAll(BUNDLES) && BUNDLES.containsAll(names));
            for (String name : BUNDLES) {
                Bundle bundle = installed.getBundle(name);
                assertNotNull(name + " installed by the package", bundle);
                assertEquals(name + " is " + state(bundle) + whyNotActive(bundle), "ACTIVE", state(bundle));
            }

            assertWiredTo("dev.cellbridge.cli", "com.google.gson", "com.google.gson", new Version(2, 9, 0));
            assertWiredTo("dev.cellbridge.serial", "org.slf4j", "slf4j.api", new Version(1, 7, 36));
            // the relay: Kura's Gson and EventAdmin API, the package's own Paho
            assertWiredTo("dev.cellbridge.relay", "com.google.gson", "com.google.gson", new Version(2, 9, 0));
            assertWiredTo("dev.cellbridge.relay", "org.osgi.service.event", "org.eclipse.osgi.services",
                new Version(3, 9, 0));
            assertWiredTo("dev.cellbridge.relay", "org.eclipse.paho.client.mqttv3", "org.eclipse.paho.client.mqttv3",
                new Version(1, 2, 5));
            // Kura's API as Kura exports it (here its stand-in, at Kura's package versions)
            assertWiredTo("dev.cellbridge.kura", "org.eclipse.kura.configuration", "dev.cellbridge.kura-api",
                new Version(0, 1, 0));

            serialLinkComponentConnects(installed.getBundle("dev.cellbridge.serial"));
        } finally {
            installed.uninstall();
        }
        assertNull("uninstalled", admin.getDeploymentPackage(NAME));
        for (String name : BUNDLES) {
            assertNull(name + " is gone with the package", bundle(name));
        }
    }

    private void serialLinkComponentConnects(Bundle serial) throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(serial, SERIAL_LINK_PID);
        assertNotNull("SCR knows " + SERIAL_LINK_PID, description);
        ConfigurationAdmin configurationAdmin = service(ConfigurationAdmin.class);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TIMEOUT_MS);
            org.osgi.service.cm.Configuration configuration =
                configurationAdmin.createFactoryConfiguration(SERIAL_LINK_PID, null);
            try {
                configuration.update(new Hashtable<>(Map.of("uri", "tcp://127.0.0.1:" + server.getLocalPort())));
                try (Socket module = server.accept()) {
                    assertTrue("the link connected from loopback", module.getInetAddress().isLoopbackAddress());
                    assertTrue("the link component is active", hasActiveConfiguration(scr, description));
                }
            } finally {
                configuration.delete();
            }
        }
    }

    private static boolean hasActiveConfiguration(ServiceComponentRuntime scr, ComponentDescriptionDTO description)
        throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.ACTIVE) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private void assertWiredTo(String bundleName, String packageName, String provider, Version providerVersion) {
        BundleWiring wiring = bundle(bundleName).adapt(BundleWiring.class);
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (packageName.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                Bundle exporter = wire.getProvider().getBundle();
                assertEquals(bundleName + " gets " + packageName + " from", provider, exporter.getSymbolicName());
                Version version = exporter.getVersion();
                assertEquals(provider + " version", providerVersion,
                    new Version(version.getMajor(), version.getMinor(), version.getMicro()));
                return;
            }
        }
        throw new AssertionError(bundleName + " has no wire for package " + packageName);
    }

    /** The service, held by the probe (released when Pax Exam uninstalls it), waiting up to {@link #TIMEOUT_MS}. */
    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            assertNotNull(type.getName() + " available within " + TIMEOUT_MS + " ms", tracker.waitForService(TIMEOUT_MS));
            return context.getService(tracker.getServiceReference());
        } finally {
            tracker.close();
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static String state(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            default: return "state " + bundle.getState();
        }
    }

    /** The framework's reason a bundle is not active (the unresolved requirement, typically). */
    private static String whyNotActive(Bundle bundle) {
        if (bundle.getState() == Bundle.ACTIVE) {
            return "";
        }
        try {
            bundle.start();
            return " (starts when asked again)";
        } catch (BundleException | RuntimeException e) {
            return ": " + e.getMessage();
        }
    }
}
